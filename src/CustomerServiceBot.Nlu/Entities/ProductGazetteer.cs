using System.Buffers;
using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// An Aho–Corasick automaton over case- and width-folded phrases. Matching is one pass over the text with
// no allocation per character; the result is the leftmost-longest set of non-overlapping matches.
// A phrase that begins or ends with an ASCII letter or digit (SKU codes, English names) only matches
// on token boundaries there, so "AB12" is not found inside "XAB123"; Chinese phrases match anywhere.
// Immutable once built: build a new one and swap the reference to update a catalogue.
// When entries of several products fold to the same phrase (two products sharing the alias "小白鞋"),
// the match's value lists their ids comma-separated in entry order: the phrase is ambiguous and the
// caller has to ask which one, not pick one silently.
public sealed class ProductGazetteer : IProductGazetteer
{
    public const char ProductIdSeparator = ',';

    private const int StackLimit = 256;

    private readonly Dictionary<long, int> _transitions;
    private readonly int[] _failure;
    private readonly int[] _phraseAtState;
    private readonly int[] _nextOutputState;
    private readonly Phrase[] _phrases;

    private readonly record struct Phrase(string ProductId, int Length, GazetteerPhraseKind Kind, bool BoundaryBefore, bool BoundaryAfter);

    public ProductGazetteer(IEnumerable<GazetteerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        _transitions = [];
        var phraseAtState = new List<int> { -1 };
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var phrases = new List<Phrase>();
        Span<char> buffer = stackalloc char[StackLimit];

        foreach (var entry in entries)
        {
            if (entry?.Phrase is null || entry.ProductId is null)
            {
                continue;
            }

            var phrase = entry.Phrase.AsSpan().Trim();
            if (phrase.IsEmpty || phrase.Length > StackLimit)
            {
                continue;
            }

            var folded = buffer[..phrase.Length];
            for (var i = 0; i < phrase.Length; i++)
            {
                folded[i] = FoldForMatch(phrase[i]);
            }

            var state = 0;
            foreach (var c in folded)
            {
                if (!_transitions.TryGetValue(Key(state, c), out var next))
                {
                    next = phraseAtState.Count;
                    phraseAtState.Add(-1);
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[state]);
                    firstChild[state] = next;
                    _transitions.Add(Key(state, c), next);
                }

                state = next;
            }

            if (phraseAtState[state] < 0)
            {
                phraseAtState[state] = phrases.Count;
                phrases.Add(new Phrase(entry.ProductId, folded.Length, entry.Kind, IsAlnum(folded[0]), IsAlnum(folded[^1])));
            }
            else if (phrases[phraseAtState[state]] is var shared && !shared.ProductId.Split(ProductIdSeparator).Contains(entry.ProductId))
            {
                phrases[phraseAtState[state]] = shared with { ProductId = shared.ProductId + ProductIdSeparator + entry.ProductId };
            }
        }

        _phrases = [.. phrases];
        _phraseAtState = [.. phraseAtState];
        _failure = new int[_phraseAtState.Length];
        _nextOutputState = new int[_phraseAtState.Length];
        BuildFailureLinks(firstChild, nextSibling);
        Count = _phrases.Length;
    }

    // Distinct folded phrases in the automaton.
    public int Count { get; }

    public IReadOnlyList<GazetteerMatch> Match(string text)
    {
        if (string.IsNullOrEmpty(text) || _phrases.Length == 0)
        {
            return [];
        }

        int[]? rented = null;
        var best = text.Length <= StackLimit
            ? stackalloc int[text.Length]
            : (rented = ArrayPool<int>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            best.Clear();
            var found = FindLongestAtEachStart(text, best);
            return found ? SelectLeftmostLongest(text, best) : [];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    // best[start] = 1 + the index of the longest phrase starting there, or 0.
    private bool FindLongestAtEachStart(string text, Span<int> best)
    {
        var found = false;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = FoldForMatch(text[i]);
            while (true)
            {
                if (_transitions.TryGetValue(Key(state, c), out var next))
                {
                    state = next;
                    break;
                }

                if (state == 0)
                {
                    break;
                }

                state = _failure[state];
            }

            var output = _phraseAtState[state] >= 0 ? state : _nextOutputState[state];
            for (; output > 0; output = _nextOutputState[output])
            {
                var index = _phraseAtState[output];
                var phrase = _phrases[index];
                var start = i - phrase.Length + 1;
                if (phrase.BoundaryBefore && start > 0 && IsAlnum(Fold(text[start - 1])))
                {
                    continue;
                }

                if (phrase.BoundaryAfter && i + 1 < text.Length && IsAlnum(Fold(text[i + 1])))
                {
                    continue;
                }

                if (best[start] == 0 || _phrases[best[start] - 1].Length < phrase.Length)
                {
                    best[start] = index + 1;
                    found = true;
                }
            }
        }

        return found;
    }

    private List<GazetteerMatch> SelectLeftmostLongest(string text, Span<int> best)
    {
        var matches = new List<GazetteerMatch>(4);
        var pos = 0;
        while (pos < text.Length)
        {
            if (best[pos] == 0)
            {
                pos++;
                continue;
            }

            var phrase = _phrases[best[pos] - 1];
            matches.Add(new GazetteerMatch(phrase.ProductId, pos, phrase.Length, phrase.Kind));
            pos += phrase.Length;
        }

        return matches;
    }

    private void BuildFailureLinks(List<int> firstChild, List<int> nextSibling)
    {
        var queue = new Queue<int>();
        for (var child = firstChild[0]; child >= 0; child = nextSibling[child])
        {
            queue.Enqueue(child);
        }

        // Children need their edge character; recover it from the transition table once.
        var edge = new char[_phraseAtState.Length];
        foreach (var (key, target) in _transitions)
        {
            edge[target] = (char)(key & 0xFFFF);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            var failure = _failure[state];
            _nextOutputState[state] = _phraseAtState[failure] >= 0 ? failure : _nextOutputState[failure];
            for (var child = firstChild[state]; child >= 0; child = nextSibling[child])
            {
                var c = edge[child];
                var f = failure;
                var target = 0;
                while (true)
                {
                    if (_transitions.TryGetValue(Key(f, c), out var next))
                    {
                        target = next;
                        break;
                    }

                    if (f == 0)
                    {
                        break;
                    }

                    f = _failure[f];
                }

                _failure[child] = target;
                queue.Enqueue(child);
            }
        }
    }

    private static long Key(int state, char c) => ((long)state << 16) | c;
}
