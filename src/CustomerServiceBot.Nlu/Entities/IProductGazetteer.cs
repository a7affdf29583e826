namespace CustomerServiceBot.Nlu.Entities;

// A seam so the knowledge graph can hand the extractor a per-shop catalogue; implementations must be
// safe to call from many threads at once.
public interface IProductGazetteer
{
    IReadOnlyList<GazetteerMatch> Match(string text);
}
