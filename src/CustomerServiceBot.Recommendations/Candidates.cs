namespace CustomerServiceBot.Recommendations;

// Which products are worth ranking for a context product: its graph relations, the most bought products of its
// category and parent category, what was bought or looked at with it, and the shop's best sellers. Everything
// else is never shown for it, so the caps bound both the build time and the memory of large catalogs.
internal sealed class Candidates
{
    private readonly Behaviour _behaviour;
    private readonly RecommendationTraining _settings;
    private readonly int[] _bestSellers;
    private readonly Dictionary<int, int[]> _bestInCategory = [];

    public Candidates(Behaviour behaviour, RecommendationTraining settings)
    {
        _behaviour = behaviour;
        _settings = settings;
        var catalog = behaviour.Catalog;
        BestSellers = [.. Enumerable.Range(0, catalog.Count).OrderByDescending(i => behaviour.Bought[i]).ThenBy(i => i)];
        _bestSellers = [.. BestSellers.Take(settings.MaxPopularCandidates)];
        // A code can be one product's category and another's parent (a product filed directly under "W"), so
        // both memberships go into one list per code, best sellers first.
        foreach (var group in BestSellers
            .SelectMany(i => new[] { (Category: behaviour.Category[i], Product: i), (Category: behaviour.Parent[i], Product: i) })
            .Where(p => p.Category >= 0)
            .GroupBy(p => p.Category))
        {
            _bestInCategory[group.Key] = [.. group.Select(p => p.Product).Take(settings.MaxSameCategoryCandidates + 1)];
        }
    }

    // Every product, most bought first (catalog order among equals).
    public int[] BestSellers { get; }

    // How the candidate relates to the context through the catalog alone: relations, category, parent category.
    public CandidateKinds CatalogKinds(int context, int candidate)
    {
        var kinds = CandidateKinds.None;
        foreach (var (other, relation) in _behaviour.Catalog.Neighbours(context))
        {
            if (other == candidate)
            {
                kinds |= relation;
                break;
            }
        }

        var category = _behaviour.Category[context];
        if (category >= 0 && category == _behaviour.Category[candidate])
        {
            kinds |= CandidateKinds.SameCategory;
        }
        else if (_behaviour.Parent[context] >= 0 && _behaviour.Parent[context] == _behaviour.Parent[candidate])
        {
            kinds |= CandidateKinds.SameParent;
        }

        return kinds;
    }

    public List<(int Candidate, CandidateKinds Kinds)> For(int context)
    {
        var found = new Dictionary<int, CandidateKinds>();
        void Add(int candidate, CandidateKinds kinds)
        {
            if (candidate != context)
            {
                found[candidate] = found.GetValueOrDefault(candidate) | kinds;
            }
        }

        foreach (var (other, relation) in _behaviour.Catalog.Neighbours(context))
        {
            Add(other, relation);
        }

        foreach (var category in new[] { _behaviour.Category[context], _behaviour.Parent[context] })
        {
            if (category >= 0)
            {
                foreach (var other in _bestInCategory[category])
                {
                    Add(other, CandidateKinds.None);
                }
            }
        }

        var bought = _behaviour.Bought[context];
        foreach (var (other, count) in _behaviour.CoBoughtWith(context).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(_settings.MaxCandidatesPerProduct))
        {
            Add(other, Together(count, bought, _behaviour.Bought[other], _behaviour.Baskets) ? CandidateKinds.BoughtTogether : CandidateKinds.None);
        }

        var viewed = _behaviour.Viewed[context];
        foreach (var (other, count) in _behaviour.CoViewedWith(context).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(_settings.MaxCandidatesPerProduct))
        {
            Add(other, Together(count, viewed, _behaviour.Viewed[other], _behaviour.ViewSessions) ? CandidateKinds.ViewedTogether : CandidateKinds.None);
        }

        foreach (var other in _bestSellers)
        {
            Add(other, CandidateKinds.Popular);
        }

        var result = new List<(int, CandidateKinds)>(found.Count);
        foreach (var (candidate, kinds) in found)
        {
            result.Add((candidate, kinds | CatalogKinds(context, candidate)));
        }

        result.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        return result;
    }

    // "Bought together" is worth saying when it happened more than once and more often than chance would have it.
    private static bool Together(int together, int first, int second, int total) =>
        together >= 2 && together * (double)total >= 1.5 * first * second;
}
