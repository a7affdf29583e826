using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerServiceBot.Api.Data.Migrations
{
    /// <summary>
    /// The index on InReplyToId held an entry for every buyer message, whose InReplyToId is always null: one
    /// index insert per message for nothing. It now holds agent replies only, which is all the foreign key
    /// and the learning queries look up. Rebuilding it blocks writes to conversation_messages while it runs.
    /// </summary>
    public partial class ReplyIndexOnlyForReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversation_messages_InReplyToId",
                table: "conversation_messages");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_messages_InReplyToId",
                table: "conversation_messages",
                column: "InReplyToId",
                filter: "\"InReplyToId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversation_messages_InReplyToId",
                table: "conversation_messages");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_messages_InReplyToId",
                table: "conversation_messages",
                column: "InReplyToId");
        }
    }
}
