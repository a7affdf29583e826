using System.Security.Claims;

namespace CustomerServiceBot.Api.Shops;

internal static class ShopClaims
{
    public const string Scheme = "ApiKey";
    public const string ShopId = "shop_id";
    public const string OperatorRole = "operator";
    public const string ShopAdminRole = "shop_admin";

    public const string OperatorPolicy = "Operator";
    public const string ShopAccessPolicy = "ShopAccess";

    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(OperatorRole);
}
