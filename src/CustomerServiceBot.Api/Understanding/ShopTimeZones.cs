using System.Collections.Concurrent;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Understanding;

// "明天" and "下周一" mean the shop's days, not the server's.
internal sealed class ShopTimeZones(IServiceScopeFactory scopes)
{
    private static readonly TimeZoneInfo Default = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly ConcurrentDictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);

    public TimeZoneInfo Get(string shopId) => _zones.GetOrAdd(shopId, Load);

    public void Forget(string shopId) => _zones.TryRemove(shopId, out _);

    private TimeZoneInfo Load(string shopId)
    {
        using var scope = scopes.CreateScope();
        var id = scope.ServiceProvider.GetRequiredService<BotDbContext>().Shops.AsNoTracking()
            .Where(s => s.Id == shopId).Select(s => s.TimeZone).FirstOrDefault();
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : Default;
    }
}
