using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

// A bilingual toy corpus: big enough for a max-ent model to learn, small enough to train in well
// under a second.
internal static class SmallCorpus
{
    public static readonly IReadOnlyList<TrainingExample> Intents =
    [
        .. Examples("product_price", "这个多少钱", "多少钱啊亲", "价格是多少", "怎么卖", "这款什么价", "how much is this", "what is the price", "price please", "多少钱一件", "这个价格多少"),
        .. Examples("logistics_tracking", "我的快递到哪了", "物流怎么不动了", "快递到哪里了", "查一下物流", "包裹在哪", "where is my package", "track my order", "where is my parcel", "物流信息查一下", "快递什么时候到"),
        .. Examples("return_request", "我要退货", "怎么退货", "可以退货吗", "申请退货", "不想要了退掉", "i want to return this", "how do i return it", "return the item", "退货怎么弄", "帮我退了吧"),
        .. Examples("greeting", "在吗", "你好", "亲在吗", "有人吗", "哈喽", "hello", "hi there", "hey", "您好", "在不在"),
        .. Examples("thanks", "谢谢", "谢谢亲", "多谢", "感谢", "thank you", "thanks a lot", "thx", "谢啦", "太感谢了", "好的谢谢"),
        .. Examples("out_of_scope", "今天天气怎么样", "讲个笑话", "你是机器人吗", "帮我写作业", "what is the capital of france", "tell me a joke", "who won the game", "股票会涨吗", "推荐一部电影", "怎么做红烧肉"),
    ];

    public static readonly IReadOnlyList<TrainingExample> Emotions =
    [
        .. Examples("neutral", "这个多少钱", "快递到哪了", "有红色吗", "什么时候发货", "how much is it", "where is my order", "几天能到", "可以开发票吗", "有优惠券吗", "尺码怎么选"),
        .. Examples("positive", "太好了谢谢", "质量很好很喜欢", "好评", "非常满意", "love it thanks", "great service", "衣服很漂亮", "下次还来", "物流很快点赞", "客服态度真好"),
        .. Examples("anxious", "怎么还没到啊急用", "急急急明天要用", "能不能快点发货", "着急啊还没发", "i need it urgently", "please hurry", "会不会丢件啊", "担心赶不上", "求求快点", "再不到来不及了"),
        .. Examples("angry", "什么垃圾东西", "气死我了", "你们就是骗子", "太差劲了", "this is a scam", "worst service ever", "退钱", "烂透了", "再不处理我就投诉", "别敷衍我"),
    ];

    private static IEnumerable<TrainingExample> Examples(string label, params string[] texts) => texts.Select(text => new TrainingExample(text, label));

    public static TrainerOptions Options => new()
    {
        OutOfScopeLabel = "out_of_scope",
        Features = new FeatureSettings { MinDocumentFrequency = 1 },
        L2 = 0.01f,
        CrossValidationFolds = 0,
        Version = "test-1",
    };

    private static readonly Lazy<TextClassifier> IntentModelInstance = new(() => new TextClassifierTrainer(Options).Train(Intents));

    // Trained once per test run: training is deterministic, and the tests only read it.
    public static TextClassifier IntentModel => IntentModelInstance.Value;
}
