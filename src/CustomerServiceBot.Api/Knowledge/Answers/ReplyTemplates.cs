using System.Text;

namespace CustomerServiceBot.Api.Knowledge.Answers;

internal sealed record TemplateSpec(string Kind, string[] Variables, string Zh, string En);

// The built-in wording of every answer kind, in Chinese and English. A shop may replace any of them
// (ReplyTemplate rows); a template may use only its kind's variables, which are all facts of the answer.
internal static class ReplyTemplates
{
    public static readonly IReadOnlyDictionary<string, TemplateSpec> BuiltIn = new TemplateSpec[]
    {
        new(AnswerKinds.Price, ["product", "price", "promotions"],
            "{product}的价格是{price}。{promotions}", "{product} is {price}. {promotions}"),
        new(AnswerKinds.Stock, ["product", "variant", "stock"],
            "{product}（{variant}）有货，库存{stock}件。", "{product} ({variant}) is in stock: {stock} left."),
        new(AnswerKinds.OutOfStock, ["product", "variant", "alternatives"],
            "{product}（{variant}）暂时缺货。{alternatives}", "{product} ({variant}) is out of stock. {alternatives}"),
        new(AnswerKinds.StockSummary, ["product", "in_stock", "out_of_stock"],
            "{product}有货的款式：{in_stock}。{out_of_stock}", "{product} in stock: {in_stock}. {out_of_stock}"),
        new(AnswerKinds.Variants, ["product", "options"],
            "{product}可选{options}。", "{product} comes in {options}."),
        new(AnswerKinds.Spec, ["product", "attribute", "value"],
            "{product}的{attribute}：{value}。", "{product} — {attribute}: {value}."),
        new(AnswerKinds.SpecSummary, ["product", "specs"],
            "{product}的主要参数：{specs}。", "{product} — {specs}."),
        new(AnswerKinds.Size, ["product", "body", "size", "note"],
            "{body}，{product}建议选{size}码。{note}", "For {body}, we recommend size {size} of {product}. {note}"),
        new(AnswerKinds.Compatible, ["product", "other", "relation"],
            "{product}和{other}：{relation}。", "{product} and {other}: {relation}."),
        new(AnswerKinds.Related, ["product", "items"],
            "和{product}相关的商品：{items}。", "Related to {product}: {items}."),
        new(AnswerKinds.Compare, ["product", "other", "differences"],
            "{product}和{other}的对比：{differences}。", "{product} vs {other}: {differences}."),
        new(AnswerKinds.ShippingTime, ["dispatch_hours", "ships_from", "delivery", "presale"],
            "现货付款后{dispatch_hours}小时内从{ships_from}发货，{delivery}。{presale}",
            "In-stock items ship from {ships_from} within {dispatch_hours} hours of payment; {delivery}. {presale}"),
        new(AnswerKinds.ShippingCarrier, ["carriers", "optional"],
            "默认发{carriers}（系统分配）。{optional}", "We ship with {carriers} by default (assigned automatically). {optional}"),
        new(AnswerKinds.ShippingFee, ["fee_rule"],
            "运费：{fee_rule}。", "Shipping: {fee_rule}."),
        new(AnswerKinds.DeliveryArea, ["area", "coverage"],
            "{area}：{coverage}。", "{area}: {coverage}."),
        new(AnswerKinds.ReturnPolicy, ["days", "conditions", "shipping", "refund", "product_rule"],
            "签收后{days}天内支持无理由退货，需{conditions}。{shipping}{refund}{product_rule}",
            "Returns without reason within {days} days of delivery, if {conditions}. {shipping}{refund}{product_rule}"),
        new(AnswerKinds.ExchangePolicy, ["days", "conditions", "details"],
            "签收后{days}天内可以换货，需{conditions}。{details}", "Exchanges within {days} days of delivery, if {conditions}. {details}"),
        new(AnswerKinds.Warranty, ["days", "remedies", "evidence", "excluded"],
            "签收后{days}天内出现质量问题可{remedies}，往返运费由店铺承担，请提供{evidence}。{excluded}",
            "Quality problems within {days} days of delivery: {remedies}, postage paid by us; please send {evidence}. {excluded}"),
        new(AnswerKinds.Invoice, ["types", "titles", "timing", "not_offered"],
            "可以开{types}，抬头可填{titles}，{timing}。{not_offered}", "We issue {types}; the title can be {titles}; {timing}. {not_offered}"),
        new(AnswerKinds.PolicyText, ["title", "content"],
            "{content}", "{content}"),
        new(AnswerKinds.Promotions, ["items"],
            "当前优惠：{items}。", "Current offers: {items}."),
        new(AnswerKinds.Faq, ["answer", "question"],
            "{answer}", "{answer}"),
        new(AnswerKinds.UnknownProduct, ["mention"],
            "抱歉，店里没有找到“{mention}”，可以发一下商品链接或换个说法吗？", "Sorry, we couldn't find \"{mention}\" in our shop. Could you send the product link or describe it differently?"),
        new(AnswerKinds.ProductRequired, [],
            "请问您问的是哪一款商品呢？可以发一下商品链接。", "Which product are you asking about? Please send the link."),
        new(AnswerKinds.AmbiguousProduct, ["candidates"],
            "您问的是哪一款呢？{candidates}", "Which one do you mean? {candidates}"),
        new(AnswerKinds.AttributeMissing, ["product", "attribute"],
            "抱歉，{product}的资料里没有{attribute}的信息，我帮您转人工客服确认。", "Sorry, our details for {product} don't include {attribute}; let me pass you to a colleague."),
        new(AnswerKinds.VariantNotFound, ["product", "requested", "options"],
            "{product}没有{requested}，可选{options}。", "{product} doesn't come in {requested}; options are {options}."),
        new(AnswerKinds.NoSizeChart, ["product"],
            "抱歉，{product}没有尺码表，我帮您转人工客服推荐尺码。", "Sorry, {product} has no size chart; let me pass you to a colleague for sizing."),
        new(AnswerKinds.OutOfSizeRange, ["product", "body"],
            "{body}超出了{product}尺码表的范围，我帮您转人工客服确认。", "{body} is outside the size chart of {product}; let me pass you to a colleague."),
        new(AnswerKinds.BodyRequired, ["product"],
            "请告诉我您的身高和体重，帮您推荐{product}的尺码～", "Please tell me your height and weight and I'll recommend a size of {product}."),
        new(AnswerKinds.RelationUnknown, ["product", "other"],
            "资料里没有{product}和{other}是否适配的信息，我帮您转人工客服确认。", "Our details don't say whether {product} goes with {other}; let me pass you to a colleague."),
        new(AnswerKinds.PolicyMissing, ["topic"],
            "抱歉，店铺还没有设置{topic}的说明，我帮您转人工客服。", "Sorry, the shop hasn't set up its {topic} policy yet; let me pass you to a colleague."),
        new(AnswerKinds.NoMatch, [],
            "这个问题我暂时答不上来，帮您转人工客服。", "I don't have an answer to that yet; let me pass you to a colleague."),
    }.ToDictionary(t => t.Kind, StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    // Variables the template uses that its kind does not offer (empty when the template is valid).
    public static IReadOnlyList<string> UnknownVariables(string kind, string text)
    {
        var allowed = BuiltIn.TryGetValue(kind, out var spec) ? spec.Variables : [];
        return Variables(text).Where(v => !allowed.Contains(v)).Distinct().ToList();
    }

    public static IEnumerable<string> Variables(string text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                start = i;
            }
            else if (text[i] == '}' && start >= 0)
            {
                yield return text[(start + 1)..i];
                start = -1;
            }
        }
    }

    public static string Render(string template, IReadOnlyDictionary<string, string> variables)
    {
        var builder = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }

            builder.Append(template, i, open - i);
            var name = template.AsSpan(open + 1, close - open - 1).ToString();
            if (variables.TryGetValue(name, out var value))
            {
                builder.Append(value);
            }
            else
            {
                builder.Append(template, open, close - open + 1);
            }

            i = close + 1;
        }

        return builder.ToString().Trim();
    }
}
