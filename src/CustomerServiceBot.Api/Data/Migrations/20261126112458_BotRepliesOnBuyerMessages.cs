using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerServiceBot.Api.Data.Migrations
{
    /// <summary>
    /// The bot's replies were stored twice: as JSON on the buyer message they answer, and as rows of their
    /// own. They are now stored only on the buyer message, so the rows go. Nothing refers to them
    /// (agent replies refer to buyer messages).
    /// </summary>
    public partial class BotRepliesOnBuyerMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM conversation_messages WHERE "Direction" = 'bot';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The replies are still on the buyer messages; the rows are not rebuilt.
        }
    }
}
