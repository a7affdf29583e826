using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.Api.Knowledge.View;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerServiceBot.Api.Knowledge;

// Every knowledge write goes through here: validate the whole change, write it in one transaction with a
// knowledge-version bump, and drop this replica's cached view (other replicas notice the version).
internal sealed class KnowledgeWriter(BotDbContext db, CatalogImporter importer, ShopKnowledgeCache cache)
{
    public async Task<IReadOnlyList<CatalogProblem>> UpsertAsync(string shopId, CatalogDocument document, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return CatalogValidator.Validate(document, await ExistingCatalog.LoadAsync(db, shopId, document, cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The bump comes first: it locks the shop's row, so two writes to one shop validate and write in
        // turn and the second sees the first's codes (no unique-index failure halfway through an import).
        await KnowledgeVersions.BumpAsync(db, shopId, cancellationToken);
        var problems = CatalogValidator.Validate(document, await ExistingCatalog.LoadAsync(db, shopId, document, cancellationToken));
        if (problems.Count > 0)
        {
            return problems;
        }

        await importer.ImportAsync(shopId, document, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(shopId);
        return problems;
    }

    // Runs a delete (or any bulk change) with the version bump; returns the rows it changed.
    public async Task<int> ChangeAsync(string shopId, Func<CancellationToken, Task<int>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await KnowledgeVersions.BumpAsync(db, shopId, cancellationToken);
        var changed = await change(cancellationToken);
        if (changed == 0)
        {
            return 0;
        }

        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(shopId);
        return changed;
    }

    // Problems as a 400 ValidationProblemDetails keyed by location; a prefix such as "/products/0" is
    // dropped for single-node routes, where the body is the node itself.
    public static ValidationProblem Invalid(IReadOnlyList<CatalogProblem> problems, string? prefix = null, string? title = null) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => prefix is not null && p.Location.StartsWith(prefix, StringComparison.Ordinal) ? Trim(p.Location[prefix.Length..]) : p.Location)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: title ?? (problems.Count == 1 ? "The request has a problem." : $"The request has {problems.Count} problems."));

    private static string Trim(string location) => location.Length == 0 ? "/" : location;
}
