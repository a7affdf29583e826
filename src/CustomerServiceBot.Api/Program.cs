using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Knowledge;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Recommendations;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Understanding;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.AddJsonText();
builder.AddErrorHandling();
builder.AddRequestLimits();
builder.AddRateLimits();
builder.AddSwagger();
builder.AddHealth();
builder.AddStorage();
builder.AddShops();
builder.AddKnowledge();
builder.AddUnderstanding();
builder.AddBuyers();
builder.AddRecommendations();
builder.AddConversations();
builder.AddOutbound();
builder.AddReminders();

// Disposed also when start-up fails, so the log lines queued for the console are written before the process ends.
await using var app = builder.Build();

app.UseRequestLogging();
app.UseErrorHandling();
app.UseSwaggerDocs();
app.UseRouting();
app.UseRequestSizeLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealth();
app.MapShops();
app.MapKnowledge();
app.MapUnderstanding();
app.MapConversations();
app.MapBuyers();
app.MapRecommendations();
app.MapOutbound();
app.MapReminders();

await app.InitialiseStorageAsync();
await app.RunAsync();

public partial class Program;
