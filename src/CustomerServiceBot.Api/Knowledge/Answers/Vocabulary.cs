namespace CustomerServiceBot.Api.Knowledge.Answers;

// Fixed bilingual word lists the answers need to read buyers' English and to label Chinese data in
// English answers. Values from the shop's data are never translated (that would invent facts).
internal static class Vocabulary
{
    public static readonly (string Zh, string[] En)[] Regions =
    [
        ("北京", ["beijing"]), ("天津", ["tianjin"]), ("上海", ["shanghai"]), ("重庆", ["chongqing"]),
        ("河北", ["hebei"]), ("山西", ["shanxi"]), ("辽宁", ["liaoning"]), ("吉林", ["jilin"]), ("黑龙江", ["heilongjiang"]),
        ("江苏", ["jiangsu"]), ("浙江", ["zhejiang"]), ("安徽", ["anhui"]), ("福建", ["fujian"]), ("江西", ["jiangxi"]),
        ("山东", ["shandong"]), ("河南", ["henan"]), ("湖北", ["hubei"]), ("湖南", ["hunan"]), ("广东", ["guangdong"]),
        ("海南", ["hainan"]), ("四川", ["sichuan"]), ("贵州", ["guizhou"]), ("云南", ["yunnan"]), ("陕西", ["shaanxi"]),
        ("甘肃", ["gansu"]), ("青海", ["qinghai"]), ("台湾", ["taiwan"]), ("内蒙古", ["inner mongolia", "neimenggu"]),
        ("广西", ["guangxi"]), ("西藏", ["tibet", "xizang"]), ("宁夏", ["ningxia"]), ("新疆", ["xinjiang"]),
        ("香港", ["hong kong", "hongkong"]), ("澳门", ["macau", "macao"]), ("海外", ["overseas", "abroad", "international"]),
    ];

    public static readonly (string Zh, string[] En)[] Colours =
    [
        ("红", ["red"]), ("黑", ["black"]), ("白", ["white"]), ("杏", ["apricot"]), ("蓝", ["blue"]), ("灰", ["grey", "gray"]),
        ("藏青", ["navy"]), ("卡其", ["khaki"]), ("驼", ["camel"]), ("粉", ["pink"]), ("绿", ["green"]), ("棕", ["brown"]),
        ("咖", ["coffee"]), ("米", ["beige", "cream"]), ("紫", ["purple"]), ("黄", ["yellow"]), ("橙", ["orange"]),
    ];

    // Buyer words (either language) → the attribute name the catalog uses.
    public static readonly (string Attribute, string[] Words)[] Attributes =
    [
        ("面料", ["面料", "材质", "料子", "成分", "什么料", "纯棉", "棉的", "material", "fabric", "cotton", "made of", "wool"]),
        ("里料", ["里料", "内衬", "lining"]),
        ("厚度", ["厚度", "厚不厚", "厚吗", "薄吗", "thick", "thin"]),
        ("弹力", ["弹力", "有弹", "弹性", "stretch", "elastic"]),
        ("版型", ["版型", "修身", "宽松", "fit"]),
        ("季节", ["季节", "什么季节", "season"]),
        ("产地", ["产地", "哪里产", "哪里生产", "origin", "made in", "where is it made"]),
        ("重量", ["重量", "多重", "weight", "how heavy"]),
        ("洗涤方式", ["洗涤", "怎么洗", "机洗", "手洗", "wash", "care"]),
        ("晾晒方式", ["晾晒", "晾干", "dry"]),
        ("起球说明", ["起球", "pill"]),
        ("缩水说明", ["缩水", "shrink"]),
        ("掉毛说明", ["掉毛", "shed"]),
        ("是否支持七天无理由", ["七天无理由", "7天无理由", "seven-day", "7-day"]),
        ("运费险", ["运费险", "shipping insurance"]),
        ("填充物", ["填充", "filling"]),
        ("充绒量", ["充绒量", "down weight"]),
        ("克重", ["克重", "gsm"]),
        ("头围", ["头围", "head size"]),
        ("尺寸", ["尺寸", "多大", "dimensions"]),
        ("裙长", ["裙长", "多长", "length"]),
        ("衣长", ["衣长", "多长", "length"]),
        ("裤长", ["裤长", "多长", "length"]),
        ("尺码建议", ["偏大", "偏小", "尺码准", "run large", "run small"]),
        ("发货时效", ["预售", "pre-sale", "presale"]),
        ("规格", ["几双", "规格", "pack"]),
        ("适用鞋码", ["鞋码", "shoe size"]),
        ("帽檐", ["帽檐", "brim"]),
    ];

    public static readonly IReadOnlyDictionary<string, string> AttributeNamesEn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["面料"] = "material", ["里料"] = "lining", ["厚度"] = "thickness", ["弹力"] = "stretch", ["版型"] = "fit",
        ["季节"] = "season", ["产地"] = "origin", ["重量"] = "weight", ["洗涤方式"] = "care", ["晾晒方式"] = "drying",
        ["起球说明"] = "pilling", ["缩水说明"] = "shrinkage", ["掉毛说明"] = "shedding", ["是否支持七天无理由"] = "7-day returns",
        ["运费险"] = "return-shipping insurance", ["填充物"] = "filling", ["充绒量"] = "down weight", ["克重"] = "fabric weight",
        ["头围"] = "head size", ["尺寸"] = "dimensions", ["裙长"] = "length", ["衣长"] = "length", ["裤长"] = "length",
        ["尺码建议"] = "sizing advice", ["发货时效"] = "dispatch time", ["规格"] = "pack", ["适用鞋码"] = "shoe sizes",
        ["帽檐"] = "brim", ["适用性别"] = "gender", ["颜色"] = "colour", ["尺码"] = "size",
    };

    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> RelationLabels = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [RelationTypes.AccessoryOf] = ("配件", "accessory"),
        [RelationTypes.CompatibleWith] = ("可以搭配", "goes with it"),
        [RelationTypes.SimilarTo] = ("相似款", "similar"),
        [RelationTypes.BundleWith] = ("推荐搭配购买", "often bought together"),
        [RelationTypes.UpgradeOf] = ("升级款", "upgrade"),
    };

    public static string? Region(string area)
    {
        var text = area.Trim().ToLowerInvariant();
        foreach (var (zh, en) in Regions)
        {
            if (text.Contains(zh, StringComparison.Ordinal) || en.Any(name => text.Contains(name, StringComparison.Ordinal)))
            {
                return zh;
            }
        }

        return null;
    }

    public static string RegionLabel(string zh, string language) =>
        language == "en" && Regions.FirstOrDefault(r => r.Zh == zh).En is { Length: > 0 } names
            ? System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(names[0])
            : zh;

    public static string AttributeLabel(string name, string language) =>
        language == "en" && AttributeNamesEn.TryGetValue(name, out var english) ? english : name;
}
