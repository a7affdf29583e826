using System.Text.Json;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Conversations;

// The bot's replies are not rows: each is stored on the buyer message it answers (ReplyJson). Rows of
// direction "bot" are from databases written before that and are left out of transcripts.
internal static class MessageDirection
{
    public const string Buyer = "buyer";
    public const string Bot = "bot";
    public const string Agent = "agent";
}

internal sealed class ConversationMessage
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public long ConversationId { get; init; }
    public required string Platform { get; init; }
    // The platform's id for a buyer message: the exactly-once key together with shop and platform.
    public string? PlatformMessageId { get; init; }
    public required string Direction { get; init; }
    public required string Text { get; init; }
    public string? Intent { get; init; }
    public double? Confidence { get; init; }
    public string? Emotion { get; init; }
    // A buyer message's whole reply as returned to the platform: a retried delivery gets it back
    // verbatim, and the transcript shows it as the bot's turn.
    public string? ReplyJson { get; set; }
    // For agent replies: the buyer message answered. Agent replies paired with buyer messages are
    // what the bot later learns from.
    public long? InReplyToId { get; init; }
    public ConversationMessage? InReplyTo { get; init; }
    public string? AgentName { get; init; }
    public bool IsTest { get; init; }
    public DateTime CreatedAt { get; init; }

    // The one format of ReplyJson, for the pipeline that writes it and for the retries and transcripts that read it.
    public static string ReplyJsonOf(BotReply reply) => JsonSerializer.Serialize(reply, JsonText.Options);

    public static BotReply? ReplyOf(string replyJson) => JsonSerializer.Deserialize<BotReply>(replyJson, JsonSerializerOptions.Web);
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("conversation_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(m => m.Platform).HasMaxLength(20);
        builder.Property(m => m.PlatformMessageId).HasMaxLength(128);
        builder.Property(m => m.Direction).HasMaxLength(10);
        builder.Property(m => m.Text).HasMaxLength(4000);
        builder.Property(m => m.Intent).HasMaxLength(64);
        builder.Property(m => m.Emotion).HasMaxLength(16);
        builder.Property(m => m.AgentName).HasMaxLength(100);
        // NULLs are distinct in both databases: only buyer messages take part in the uniqueness.
        builder.HasIndex(m => new { m.ShopId, m.Platform, m.PlatformMessageId }).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        // Only agent replies point at a message: buyer messages, nearly every row, stay out of this index.
        builder.HasIndex(m => m.InReplyToId).HasFilter("\"InReplyToId\" IS NOT NULL");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // Replies go with the conversation (cascade above); the self-reference itself never cascades.
        builder.HasOne(m => m.InReplyTo).WithMany().HasForeignKey(m => m.InReplyToId).OnDelete(DeleteBehavior.NoAction);
    }
}
