using Microsoft.AspNetCore.Mvc;

namespace CustomerServiceBot.Api.Hosting;

internal static class Problems
{
    public static ProblemDetails NotFound(string detail) =>
        new() { Status = StatusCodes.Status404NotFound, Title = "Not Found", Detail = detail };

    public static ProblemDetails ShopNotFound(string shopId) => NotFound($"Shop '{shopId}' was not found.");

    public static ProblemDetails Conflict(string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail };

    public static ProblemDetails BadRequest(string detail) =>
        new() { Status = StatusCodes.Status400BadRequest, Title = "Bad Request", Detail = detail };
}
