using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerServiceBot.Api.Hosting;

// Expected failures as typed results that render as application/problem+json.
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult ShopNotFound(string shopId) => NotFound($"Shop '{shopId}' was not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
}
