using System.Numerics;

namespace CustomerServiceBot.Nlu;

// The vocabulary: n-gram hash → feature, looked up for every n-gram of every message read, and most of them
// miss. Open addressing in one array at most half full: a lookup reads one slot or a few adjacent ones and a
// miss ends at the first empty slot, where a Dictionary<ulong, int> goes from its bucket array to its entry
// array and calls a comparer.
internal sealed class FeatureIndex
{
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] _hashes;
    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly int _mask;

    // hashes[feature] is the n-gram hash of that feature; no two are equal.
    public FeatureIndex(ulong[] hashes)
    {
        _hashes = hashes;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(hashes.Length * 2, 8));
        _slots = new Slot[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _mask = capacity - 1;
        for (var feature = 0; feature < hashes.Length; feature++)
        {
            var slot = SlotOf(hashes[feature]);
            while (_slots[slot].FeaturePlusOne != 0)
            {
                if (_slots[slot].Hash == hashes[feature])
                {
                    throw new ArgumentException($"Features {_slots[slot].FeaturePlusOne - 1} and {feature} have the same hash.", nameof(hashes));
                }

                slot = (slot + 1) & _mask;
            }

            _slots[slot] = new Slot(hashes[feature], feature + 1);
        }
    }

    public int Count => _hashes.Length;

    public ulong HashOf(int feature) => _hashes[feature];

    public bool TryGetFeature(ulong hash, out int feature)
    {
        var slots = _slots;
        for (var slot = SlotOf(hash); ; slot = (slot + 1) & _mask)
        {
            var entry = slots[slot];
            if (entry.FeaturePlusOne == 0)
            {
                feature = -1;
                return false;
            }

            if (entry.Hash == hash)
            {
                feature = entry.FeaturePlusOne - 1;
                return true;
            }
        }
    }

    // The multiply spreads every bit of the hash into the top bits that pick the slot.
    private int SlotOf(ulong hash) => (int)((hash * Fibonacci) >> _shift);

    // FeaturePlusOne 0 marks an empty slot, since a hash can be any value.
    private readonly record struct Slot(ulong Hash, int FeaturePlusOne);
}
