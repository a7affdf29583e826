namespace CustomerServiceBot.Api.Conversations;

// The conversation layer's own sentences (answers about products and policies come from the
// knowledge templates). {s} is the shop's salutation for buyers ("亲"), {bot} the bot's name.
internal static class DialogueTexts
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["greeting"] = ("{s}您好，我是{bot}，有什么可以帮您的吗？", "Hi! I'm {bot}. How can I help you today?"),
        ["greeting_repeat"] = ("{s}您好，欢迎回来~ 我是{bot}，这次想看点什么呢？", "Welcome back! I'm {bot}. What can I help you with this time?"),
        ["greeting_vip"] = ("尊贵的VIP{s}您好，感谢一直以来的支持！我是{bot}，有什么需要随时吩咐~", "Welcome back, and thank you for being one of our best customers! I'm {bot}, how can I help?"),
        ["thanks"] = ("不客气哦{s}，还有其他问题随时找我~", "You're welcome! Anything else I can help with?"),
        ["goodbye"] = ("好的{s}，祝您购物愉快，再见~", "Thanks for visiting, have a great day!"),
        ["affirm"] = ("好的{s}，还有什么需要帮您的吗？", "Great! Anything else I can help with?"),
        ["deny"] = ("好的{s}，那您还有其他想了解的吗？", "Okay. Is there anything else you'd like to know?"),
        ["chitchat"] = ("我是本店的智能客服{bot}，商品、物流、售后的问题都可以问我哦~", "I'm {bot}, this shop's assistant: ask me about products, shipping or after-sales."),
        ["out_of_scope"] = ("抱歉{s}，这个问题我帮不上忙，我只能解答本店商品、订单和售后的问题哦~", "Sorry, I can only help with this shop's products, orders and after-sales."),
        ["rephrase"] = ("抱歉{s}，我没太看懂您的意思，能换个说法吗？您也可以试试下面这些问题：", "Sorry, I didn't quite get that. Could you rephrase? Or try one of these:"),
        ["handoff"] = ("正在为您转接人工客服，请稍候，马上就来~", "I'm connecting you with a human agent, please hold on a moment."),
        ["handoff_busy"] = ("{s}，人工客服正在处理您的问题，请稍候~", "An agent is looking at your conversation, please hold on."),
        ["ask_order"] = ("麻烦{s}提供一下订单号，我帮您查询处理~", "Could you share your order number so I can look into it?"),
        ["order_received"] = ("收到订单号 {order}，已为您转接人工客服跟进处理，请稍候~", "Got order {order}; I've passed it to an agent who will follow up shortly."),
        ["ask_product"] = ("{s}，您问的是哪一款商品呢？可以发一下商品名称或链接~", "Which product do you mean? Please send its name or link."),
        ["ask_which"] = ("{s}，您说的是下面哪一款呢？", "Which of these do you mean?"),
        ["no_answer_more"] = ("需要的话我可以帮您转人工客服确认~", "If you like, I can ask a human agent to confirm."),
        ["soothe_delivery"] = ("非常理解您等包裹的着急心情，", "I understand waiting for a parcel is frustrating. "),
        ["soothe_quality"] = ("很抱歉商品给您带来了不好的体验，", "I'm sorry the item let you down. "),
        ["soothe_payment"] = ("别着急{s}，付款的问题我们一定帮您处理好，", "Don't worry, we'll sort out the payment. "),
        ["soothe_general"] = ("非常抱歉给您带来不便，", "I'm sorry for the trouble. "),
        ["quick_human"] = ("转人工", "Talk to an agent"),
        ["recommend_presale"] = ("看这款的{s}也常看下面几款，可以对比一下~", "Shoppers who look at this also like these:"),
        ["recommend_out_of_stock"] = ("这个规格暂时缺货，给您找了几款有货的，可以看看~", "That one is out of stock; these are available now:"),
        ["recommend_cheaper"] = ("想要更实惠的话，这几款性价比很高哦~", "If you'd like something cheaper, these are great value:"),
        ["recommend_order"] = ("这几款和它很搭，一起下单更省心~", "These go well with it:"),
        ["recommend_after_sale"] = ("日常使用和护理可以看看这些~", "For care and everyday use, have a look at these:"),
        ["recommend_browse"] = ("给您推荐几款店里的热卖，看看有没有喜欢的~", "Here are some of our best sellers:"),
    };

    public static readonly IReadOnlyList<(string Zh, string En)> Suggestions =
    [
        ("这件有什么颜色和尺码？", "What colours and sizes are there?"),
        ("身高165体重50kg穿什么码？", "I'm 165 cm and 50 kg, which size?"),
        ("什么时候发货？包邮吗？", "When do you ship? Is shipping free?"),
        ("支持七天无理由退货吗？", "Can I return it within 7 days?"),
    ];

    public static string Get(string key, string language, string salutation, string botName) =>
        Fill(language == "en" ? Texts[key].En : Texts[key].Zh, salutation, botName);

    private static string Fill(string text, string salutation, string botName) =>
        text.Replace("{s}", salutation, StringComparison.Ordinal).Replace("{bot}", botName, StringComparison.Ordinal);
}
