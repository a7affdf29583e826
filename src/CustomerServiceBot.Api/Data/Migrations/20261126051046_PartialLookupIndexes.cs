using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerServiceBot.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartialLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversations_ShopId_Status_HandoffAt",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "IX_buyer_profiles_ShopId_IntentDay_PurchaseQuestionsToday",
                table: "buyer_profiles");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_ShopId_Status_HandoffAt",
                table: "conversations",
                columns: new[] { "ShopId", "Status", "HandoffAt" },
                filter: "\"Status\" <> 'bot'");

            migrationBuilder.CreateIndex(
                name: "IX_buyer_profiles_ShopId_IntentDay_PurchaseQuestionsToday",
                table: "buyer_profiles",
                columns: new[] { "ShopId", "IntentDay", "PurchaseQuestionsToday" },
                filter: "\"PurchaseQuestionsToday\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversations_ShopId_Status_HandoffAt",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "IX_buyer_profiles_ShopId_IntentDay_PurchaseQuestionsToday",
                table: "buyer_profiles");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_ShopId_Status_HandoffAt",
                table: "conversations",
                columns: new[] { "ShopId", "Status", "HandoffAt" });

            migrationBuilder.CreateIndex(
                name: "IX_buyer_profiles_ShopId_IntentDay_PurchaseQuestionsToday",
                table: "buyer_profiles",
                columns: new[] { "ShopId", "IntentDay", "PurchaseQuestionsToday" });
        }
    }
}
