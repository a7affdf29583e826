namespace CustomerServiceBot.Nlu;

// Folds the surface variation buyers produce (full-width keyboards, traditional characters, "？？？",
// "哈哈哈哈", order numbers) into one form before n-grams are taken, so a model trained on one spelling
// recognises the others. Character by character, no allocation: it runs on every message.
internal static class TextNormalizer
{
    // Traditional → simplified for characters common in shop chat. Pairs, not a full OpenCC table:
    // a small table is cheap and covers most of what Hong Kong / Taiwan buyers type in practice.
    private const string TraditionalSimplifiedPairs =
        "這这個个們们麼么嗎吗買买賣卖貨货發发還还換换錢钱價价號号碼码顏颜與与為为會会來来時时間间問问題题" +
        "說说話话請请謝谢認认識识讓让給给沒没點点單单訂订郵邮運运費费達达態态實实際际質质產产優优紅红綠绿" +
        "藍蓝黃黄長长寬宽雙双對对錯错幫帮邊边過过進进遠远後后裡里裏里樣样種种機机電电腦脑網网線线車车東东" +
        "無无關关開开務务員员專专業业訊讯聯联繫系係系纔才準准備备約约預预購购辦办壞坏舊旧轉转帳账戶户確确" +
        "驗验證证設设計计尋寻區区國国廣广門门見见覺觉聽听寫写讀读學学習习應应該该當当從从總总數数輕轻貴贵" +
        "歡欢愛爱氣气滿满紹绍選选擇择級级體体傳传遞递處处緊紧頭头臉脸髮发膚肤襪袜褲裤衛卫護护險险禮礼飾饰" +
        "鏈链錶表鐘钟鋼钢鐵铁銀银絲丝綿绵織织製制廠厂倉仓庫库補补償偿賠赔訴诉報报師师評评論论壓压縮缩復复" +
        "複复雜杂亂乱鬧闹騙骗筆笔書书紙纸聲声響响燈灯熱热涼凉漲涨減减節节戲戏劃划現现貼贴標标籤签簽签參参" +
        "寶宝貝贝親亲張张條条隻只塊块兩两萬万億亿幾几歲岁週周則则嗎吗啟启衝冲館馆飯饭麵面湯汤雞鸡魚鱼鮮鲜" +
        "藥药醫医療疗圖图畫画黨党獎奖勵励據据擔担憂忧慮虑談谈讚赞歸归屬属範范圍围異异難难題题帶带鎖锁壺壶" +
        "蓋盖櫃柜燒烧煙烟簡简筍笋餘余剩剩團团隊队贈赠送送稅税貸贷額额細细紮扎綁绑護护膠胶塗涂鹽盐";

    private static readonly char[] SimplifiedByCjk = BuildSimplifiedTable();

    // Longest normalised text that is featurised: a buyer message longer than this is an essay, and its
    // first 512 characters carry the intent. Bounds the stack buffers of the featurizer.
    public const int MaxLength = 512;

    private static char[] BuildSimplifiedTable()
    {
        var table = new char[0x9FFF - 0x4E00 + 1];
        for (var i = 0; i + 1 < TraditionalSimplifiedPairs.Length; i += 2)
        {
            var traditional = TraditionalSimplifiedPairs[i];
            var simplified = TraditionalSimplifiedPairs[i + 1];
            if (traditional != simplified && IsCjk(traditional))
            {
                table[traditional - 0x4E00] = simplified;
            }
        }

        return table;
    }

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    public static string Normalize(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, MaxLength)];
        var length = Normalize(text, buffer);
        return new string(buffer[..length]);
    }

    // Writes at most min(input.Length, output.Length) characters; returns how many.
    public static int Normalize(ReadOnlySpan<char> input, Span<char> output)
    {
        var written = 0;
        var digitRun = 0;
        for (var i = 0; i < input.Length && written < output.Length; i++)
        {
            var c = Fold(input[i]);
            if (c is >= '0' and <= '9')
            {
                digitRun++;
                continue;
            }

            if (digitRun > 0)
            {
                written = WriteDigitShape(digitRun, output, written);
                digitRun = 0;
                if (written >= output.Length)
                {
                    break;
                }
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (written > 0 && output[written - 1] != ' ')
                {
                    output[written++] = ' ';
                }

                continue;
            }

            if (!char.IsSurrogate(c))
            {
                // "？？？" → "?", "!!!!" → "!": the run says "impatient", not a different intent.
                if (written > 0 && output[written - 1] == c && (char.IsPunctuation(c) || char.IsSymbol(c)))
                {
                    continue;
                }

                // "哈哈哈哈" → "哈哈", "sooooo" → "soo": keep at most two of a character in a row.
                if (written > 1 && output[written - 1] == c && output[written - 2] == c)
                {
                    continue;
                }
            }

            output[written++] = c;
        }

        if (digitRun > 0 && written < output.Length)
        {
            written = WriteDigitShape(digitRun, output, written);
        }

        while (written > 0 && output[written - 1] == ' ')
        {
            written--;
        }

        return written;
    }

    private static char Fold(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        if (c is >= '\u4E00' and <= '\u9FFF')
        {
            var simplified = SimplifiedByCjk[c - 0x4E00];
            return simplified == '\0' ? c : simplified;
        }

        return c switch
        {
            '\u3000' => ' ',
            '。' or '．' or '…' => '.',
            '、' => ',',
            '「' or '」' or '『' or '』' or '“' or '”' => '"',
            '‘' or '’' => '\'',
            '【' or '】' or '《' or '》' or '〈' or '〉' => ' ',
            _ => char.IsSurrogate(c) ? c : char.ToLowerInvariant(c),
        };
    }

    // A digit run becomes its shape: quantities and sizes (1–2 digits), prices and years (3–4),
    // amounts and postcodes (5–10), phone and order numbers (11+). The model learns "an order number
    // was given", not the number itself.
    private static int WriteDigitShape(int digits, Span<char> output, int written)
    {
        var shape = digits switch
        {
            <= 2 => 1,
            <= 4 => 2,
            <= 10 => 3,
            _ => 4,
        };
        for (var k = 0; k < shape && written < output.Length; k++)
        {
            output[written++] = '0';
        }

        return written;
    }
}
