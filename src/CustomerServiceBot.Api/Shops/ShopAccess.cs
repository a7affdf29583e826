using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Shops;

// A shop key may act only on its own shop; the operator on any existing shop.
internal sealed class ShopAccessRequirement : IAuthorizationRequirement;

internal sealed class ShopAccessHandler(BotDbContext db) : AuthorizationHandler<ShopAccessRequirement, HttpContext>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, ShopAccessRequirement requirement, HttpContext resource)
    {
        if (resource.GetRouteValue("shopId") is not string shopId)
        {
            return;
        }

        if (context.User.IsOperator())
        {
            if (await db.Shops.AsNoTracking().AnyAsync(s => s.Id == shopId, resource.RequestAborted))
            {
                context.Succeed(requirement);
            }
        }
        else if (context.User.HasClaim(ShopClaims.ShopId, shopId))
        {
            context.Succeed(requirement);
        }
    }
}

// Another shop's data is invisible: a foreign or unknown shop answers 404, exactly like a missing one.
internal sealed class ShopAccessResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var shopDenied = authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ShopAccessRequirement>().Any() == true;
        if (!shopDenied)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        await problemDetails.WriteProblemAsync(context, StatusCodes.Status404NotFound, $"Shop '{context.GetRouteValue("shopId")}' was not found.");
    }
}
