using System.Globalization;
using System.Text.Json;
using CustomerServiceBot.Api.Knowledge.Catalog;

namespace CustomerServiceBot.Benchmarks.Knowledge;

// A generated shop of the size the targets name: 10,000 products × 10 SKUs and 5,000 FAQ entries of
// four variants each, with the demo shop's categories, policies, size charts and promotions.
internal static class LargeShop
{
    public const int Products = 10_000;
    public const int SkusPerProduct = 10;
    public const int Faqs = 5_000;

    private static readonly string[] Colours = ["红色", "黑色"];
    private static readonly string[] Sizes = ["S", "M", "L", "XL", "XXL"];
    private static readonly string[] Styles = [.. "法式复古韩版宽松修身简约基础通勤休闲运动加厚轻薄".Chunk(2).Select(c => new string(c))];
    private static readonly string[] Materials = ["纯棉", "羊毛", "真丝", "亚麻", "醋酸", "羊绒", "牛仔", "针织"];
    private static readonly string[] Items = ["连衣裙", "衬衫", "卫衣", "毛衣", "外套", "T恤", "长裤", "半身裙"];
    private static readonly string[] Topics =
    [
        "发货", "快递", "运费", "退货", "换货", "退款", "发票", "积分", "会员", "优惠券", "尺码", "颜色", "面料", "洗涤", "起球",
        "缩水", "色差", "包装", "赠品", "预售", "地址", "取消订单", "质量问题", "售后", "保修", "定制", "批发", "代购", "直播", "抽奖",
    ];
    private static readonly string[] Patterns =
    [
        "{0}怎么处理", "{0}有什么规定", "请问{0}怎么弄", "{0}要多久", "关于{0}想问一下", "{0}可以吗", "{0}需要什么条件", "{0}的流程是什么",
    ];

    public static CatalogDocument Generate()
    {
        var demo = JsonSerializer.Deserialize<CatalogDocument>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json")), JsonSerializerOptions.Web)!;
        var leafCategories = demo.Categories!.Where(c => c.Parent is not null).Select(c => c.Code).ToArray();
        var products = new List<CatalogProduct>(Products);
        for (var i = 0; i < Products; i++)
        {
            var code = $"G{i:D5}";
            var title = $"{Styles[i % Styles.Length]}{Materials[i / 8 % Materials.Length]}{Items[i % Items.Length]}女 {i:D5}款";
            var skus = new List<CatalogSku>(SkusPerProduct);
            for (var s = 0; s < SkusPerProduct; s++)
            {
                var colour = Colours[s / Sizes.Length];
                var size = Sizes[s % Sizes.Length];
                skus.Add(new CatalogSku($"{code}-{s}", new() { ["颜色"] = colour, ["尺码"] = size }, 9900 + i % 50 * 100, (i + s) % 7 == 0 ? 0 : (i * 7 + s) % 300, $"69{i:D7}{s:D2}"));
            }

            products.Add(new CatalogProduct(code, title, $"Generated item {i}", leafCategories[i % leafCategories.Length],
                [$"{Items[i % Items.Length]}{i:D5}", $"{Materials[i / 8 % Materials.Length]}款{i:D5}"], null, null, 9900 + i % 50 * 100,
                new() { ["面料"] = $"{Materials[i / 8 % Materials.Length]} {i % 100}%", ["版型"] = Styles[i % Styles.Length] }, skus));
        }

        var faqs = new List<CatalogFaq>(Faqs);
        for (var i = 0; i < Faqs; i++)
        {
            var topic = Topics[i % Topics.Length];
            var subject = $"{Items[i / Topics.Length % Items.Length]}{i / (Topics.Length * Items.Length)}号";
            faqs.Add(new CatalogFaq($"faq-{i + 1}",
                [.. Patterns.Skip(i % 5).Take(3).Select(p => string.Format(CultureInfo.InvariantCulture, p, subject + topic)), $"How does {topic} work for item {i}?"],
                $"{subject}的{topic}说明：第{i}条。", $"About {topic} for item {i}."));
        }

        return demo with { Products = products, Faqs = faqs, Relations = [], Promotions = demo.Promotions };
    }
}
