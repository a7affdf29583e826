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

    // Retry-After is set by the caller on the response headers (see ServiceUnavailable).
    public static ProblemHttpResult ServiceUnavailable(HttpContext context, string detail, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable");
    }
}

internal static class ProblemWriting
{
    // For middleware and handlers that answer before an endpoint runs.
    public static async Task WriteProblemAsync(this IProblemDetailsService problemDetails, HttpContext context, int status, string detail) =>
        await problemDetails.TryWriteProblemAsync(context, status, detail);

    // For exception handlers, which report whether they answered.
    public static ValueTask<bool> TryWriteProblemAsync(this IProblemDetailsService problemDetails, HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                Detail = detail,
            },
        });
    }
}
