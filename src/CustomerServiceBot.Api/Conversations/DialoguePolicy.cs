using System.Text.RegularExpressions;
using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Recommendations;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.Nlu.Entities;
using Microsoft.Extensions.Options;
using RecommendationScene = CustomerServiceBot.Recommendations.RecommendationScene;

namespace CustomerServiceBot.Api.Conversations;

internal sealed record PolicyInput(
    Shop Shop,
    Conversation Conversation,
    string Text,
    string? ProductCode,
    string? OrderId,
    ShopKnowledge? Knowledge,
    DateTime Now,
    IReadOnlyList<string>? BuyerTags = null,
    Buyers.BuyerProfile? Profile = null,
    MessageReading? ReadAhead = null);

internal sealed class PolicyDecision
{
    public List<string> Parts { get; } = [];
    public List<ProductCard> Cards { get; } = [];
    public List<string> QuickReplies { get; } = [];
    public List<UnderstoodQuestion> Questions { get; } = [];
    public string? HandoffReason { get; set; }
    public string? Emotion { get; set; }
    public string? TopIntent { get; set; }
    public double? TopConfidence { get; set; }
}

// Decides what the bot says to one buyer message and how the conversation's state moves on.
// It answers from the knowledge graph, asks one precise question when something is missing,
// and hands off to a human rather than guess.
internal sealed partial class DialoguePolicy(
    BuyerMessageReader reader,
    AnswerService answers,
    ShopTimeZones zones,
    ReplyRecommendations recommendations,
    IOptions<ConversationOptions> options)
{
    private const int MaxCardsPerReply = RecommendationSettings.MaxCards;
    private const string RecommendIntent = "recommend_product";

    // On the way to paying: bundles and accessories. After the sale: care accessories.
    private static readonly HashSet<string> OrderSceneIntents = new(StringComparer.Ordinal)
    {
        "payment_method", "shipping_fee", "shipping_time", "order_modify", "presale_rules", "promotion_coupon", "delivery_area",
    };

    private static readonly HashSet<string> AfterSaleSceneIntents = new(StringComparer.Ordinal) { "return_policy", "warranty_repair", "product_usage" };

    // Reading a message (intent, emotion and entities of the whole and of each question) needs no conversation
    // state, so the pipeline reads it before the message's turn, outside the batch's transaction, where it
    // was a fifth of the batch's CPU; Decide reads it again only if a model, the shop's time zone or its
    // catalogue changed in between. Null while the models are loading.
    public MessageReading? ReadAhead(string shopId, string text, ShopKnowledge? knowledge) =>
        reader.IsReady ? reader.ReadAll(shopId, text, Segments(text), zones.Get(shopId), knowledge?.Gazetteer) : null;

    public PolicyDecision Decide(PolicyInput input)
    {
        var (shop, conversation, text) = (input.Shop, input.Conversation, input.Text);
        var decision = new PolicyDecision();
        var language = LanguageOf(text, shop.DefaultLanguage);
        string Say(string key) => DialogueTexts.Get(key, language, shop.BuyerSalutation, shop.BotName);

        StartSessionIfIdle(conversation, input.Now);
        if (conversation.MessagesSinceRecommendation is { } since)
        {
            conversation.MessagesSinceRecommendation = since + 1;
        }

        if (input.ProductCode is not null && input.Knowledge?.ProductsByCode.TryGetValue(input.ProductCode, out var viewed) == true)
        {
            conversation.FocusProductId = viewed.Id;
        }

        var zone = zones.Get(shop.Id);
        var gazetteer = input.Knowledge?.Gazetteer;
        var message = input.ReadAhead is { } ahead && reader.IsCurrent(ahead, shop.Id, text, zone, gazetteer)
            ? ahead
            : reader.ReadAll(shop.Id, text, Segments(text), zone, gazetteer);
        var whole = message.Whole;
        decision.Emotion = whole.Emotion.Emotion;
        Remember(conversation.RecentEmotions, whole.Emotion.Emotion);
        if (whole.Emotion.Emotion == "angry")
        {
            conversation.AngerCount++;
        }

        var orderId = input.OrderId ?? whole.Entities.FirstOrDefault(e => e.Kind == EntityKind.OrderNumber)?.Value;
        if (orderId is not null)
        {
            conversation.LastOrderId = orderId;
        }

        var questions = message.Questions;
        decision.TopIntent = whole.Intent.Intent;
        decision.TopConfidence = whole.Intent.Confidence;
        var firstIntent = questions.Select(q => q.Reading.Intent).FirstOrDefault(i => i.IsUnderstood)?.Intent;

        if (whole.Emotion.Escalate)
        {
            return HandOff(decision, conversation, "escalation", Say(Intents.SootheKey(firstIntent)) + Say("handoff"), text, input.Now, whole);
        }

        if (conversation.AngerCount >= options.Value.AngryMessagesBeforeHandoff)
        {
            return HandOff(decision, conversation, "repeated_anger", Say(Intents.SootheKey(firstIntent)) + Say("handoff"), text, input.Now, whole);
        }

        // The bot asked for an order number and got one.
        if (conversation.PendingSlot == "order_id" && orderId is not null)
        {
            var pending = conversation.PendingIntent ?? "order_service";
            ClearPending(conversation);
            return HandOff(decision, conversation, "order_service", Say("order_received").Replace("{order}", orderId, StringComparison.Ordinal), text, input.Now, whole, pending);
        }

        // The bot offered products to choose from and the buyer picked one ("第二个").
        if (conversation.PendingSlot == "product" && ChoiceIndex(text) is { } choice && choice < conversation.PendingChoices.Count
            && long.TryParse(conversation.PendingChoices[choice], out var chosen))
        {
            conversation.FocusProductId = chosen;
            conversation.FocusSkuId = null;
            var intent = conversation.PendingIntent ?? "product_spec";
            ClearPending(conversation);
            AnswerFromKnowledge(decision, input, intent, 1.0, text, whole.Entities, language, Say);
            Remember(conversation.RecentIntents, intent);
            return Finish(decision, whole, firstIntent ?? intent, language, Say);
        }

        var understood = questions
            .Where(q => q.Reading.Intent.IsUnderstood && q.Reading.Intent.Intent != Intents.OutOfScope)
            .GroupBy(q => q.Reading.Intent.Intent)
            .Select(g => g.First())
            .Take(options.Value.MaxQuestionsPerMessage)
            .ToList();

        foreach (var q in questions)
        {
            decision.Questions.Add(new UnderstoodQuestion(q.Reading.Intent.Intent, Math.Round(q.Reading.Intent.Confidence, 4), q.Reading.Intent.IsUnderstood));
        }

        if (understood.Count == 0)
        {
            if (FollowUpIntent(conversation, whole, text) is { } followUp)
            {
                conversation.FailureCount = 0;
                AnswerFromKnowledge(decision, input, followUp, whole.Intent.Confidence, text, whole.Entities, language, Say);
                return Finish(decision, whole, followUp, language, Say);
            }

            if (questions.Any(q => q.Reading.Intent.IsUnderstood && q.Reading.Intent.Intent == Intents.OutOfScope))
            {
                decision.Parts.Add(Say("out_of_scope"));
                return Finish(decision, whole, Intents.OutOfScope, language, Say);
            }

            conversation.FailureCount++;
            if (conversation.FailureCount >= options.Value.FailuresBeforeHandoff)
            {
                return HandOff(decision, conversation, "repeated_failure", Say("handoff"), text, input.Now, whole);
            }

            decision.Parts.Add(Say("rephrase"));
            decision.QuickReplies.AddRange(DialogueTexts.Suggestions.Select(s => language == "en" ? s.En : s.Zh));
            return decision;
        }

        conversation.FailureCount = 0;
        foreach (var (segment, reading) in understood)
        {
            var intent = reading.Intent.Intent;
            var confidence = reading.Intent.Confidence;
            Remember(conversation.RecentIntents, intent);

            if (intent == Intents.AskHuman)
            {
                return HandOff(decision, conversation, "buyer_asked", Say("handoff"), text, input.Now, whole, intent);
            }

            if (intent == Intents.ComplaintAbuse)
            {
                return HandOff(decision, conversation, "abuse", Say("soothe_general") + Say("handoff"), text, input.Now, whole, intent);
            }

            if (shop.HumanOnlyIntents.Contains(intent))
            {
                return HandOff(decision, conversation, "human_only_intent", Say("handoff"), text, input.Now, whole, intent);
            }

            if (Intents.AfterSale.Contains(intent) && confidence < options.Value.AfterSaleMinConfidence)
            {
                return HandOff(decision, conversation, "low_confidence_after_sale", Say(Intents.SootheKey(intent)) + Say("handoff"), text, input.Now, whole, intent);
            }

            if (Intents.SmallTalk.Contains(intent))
            {
                if (understood.Count == 1 || intent is not ("affirm" or "deny"))
                {
                    decision.Parts.Add(Say(GreetingFor(intent, input.BuyerTags)));
                }

                continue;
            }

            if (Intents.OrderService.Contains(intent))
            {
                if (conversation.LastOrderId is { } known)
                {
                    return HandOff(decision, conversation, "order_service", Say("order_received").Replace("{order}", known, StringComparison.Ordinal), text, input.Now, whole, intent);
                }

                conversation.PendingSlot = "order_id";
                conversation.PendingIntent = intent;
                decision.Parts.Add(Say("ask_order"));
                continue;
            }

            AnswerFromKnowledge(decision, input, intent, confidence, segment, reading.Entities, language, Say);
        }

        AddRecommendations(decision, input, understood.Select(q => (q.Reading.Intent.Intent, q.Reading.Entities)).ToList(), whole.Emotion.Emotion, language, Say);
        return Finish(decision, whole, understood[0].Reading.Intent.Intent, language, Say);
    }

    private void AnswerFromKnowledge(PolicyDecision decision, PolicyInput input, string intent, double confidence, string segment,
        IReadOnlyList<Entity> entities, string language, Func<string, string> say)
    {
        var conversation = input.Conversation;
        if (input.Knowledge is null)
        {
            decision.Parts.Add(say("no_answer_more"));
            return;
        }

        var query = QueryFrom(intent, confidence, segment, entities, language);
        var answer = answers.Answer(input.Knowledge, query, new ConversationFocus(conversation.FocusProductId, conversation.FocusSkuId));
        switch (answer.Status)
        {
            case AnswerStatus.Answered:
                decision.Parts.Add(answer.Text);
                conversation.FocusProductId = answer.Focus.ProductId ?? conversation.FocusProductId;
                conversation.FocusSkuId = answer.Focus.SkuId ?? conversation.FocusSkuId;
                if (answer.Kind == AnswerKinds.Related)
                {
                    var before = decision.Cards.Count;
                    AddRelatedCards(decision, input.Knowledge, answer,
                        [.. conversation.RecommendedProducts, .. input.Shop.Recommendations.Excluded, .. input.Profile?.BoughtProducts ?? []], language);
                    // Related products are recommendations too: they start the cooldown and are not offered again.
                    if (decision.Cards.Count > before)
                    {
                        ReplyRecommendations.Shown(conversation, decision.Cards.Skip(before));
                    }

                }

                break;
            case AnswerStatus.Ambiguous:
                decision.Parts.Add(say("ask_which"));
                conversation.PendingSlot = "product";
                conversation.PendingIntent = intent;
                conversation.PendingChoices = answer.Candidates.Take(5).Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                decision.QuickReplies.AddRange(answer.Candidates.Take(5).Select((c, i) => $"{i + 1}. {c.Title}"));
                AddCards(decision, input.Knowledge, answer.Candidates.Take(5).Select(c => (c.Id, language == "en" ? "candidate" : "候选", RecommendationReasons.Candidate)));
                break;
            case AnswerStatus.NoAnswer when answer.Kind == AnswerKinds.ProductRequired && intent == RecommendIntent
                && Recommend(decision, input, new RecommendationMoment(RecommendationScene.Browse, [], null, null, Asked: true), null, language) > 0:
                decision.Parts.Add(say("recommend_browse"));
                break;
            case AnswerStatus.NoAnswer when answer.Kind == AnswerKinds.ProductRequired:
                decision.Parts.Add(say("ask_product"));
                conversation.PendingSlot = "product";
                conversation.PendingIntent = intent;
                conversation.PendingChoices = [];
                break;
            default:
                decision.Parts.Add(answer.Text);
                decision.QuickReplies.Add(say("quick_human"));
                break;
        }
    }

    // Recommendations ride on answers about a product: the scene comes from what was asked and
    // whether the variant asked for is in stock.
    private void AddRecommendations(PolicyDecision decision, PolicyInput input, IReadOnlyList<(string Intent, IReadOnlyList<Entity> Entities)> answered,
        string emotion, string language, Func<string, string> say)
    {
        // An answer that already shows products (related ones, or "which one?") is not topped up.
        if (input.Knowledge is not { } knowledge || decision.HandoffReason is not null || decision.Cards.Count > 0
            || input.Conversation.FocusProductId is not { } focusId || !knowledge.Products.TryGetValue(focusId, out var focus))
        {
            return;
        }

        string? First(EntityKind kind) => answered.SelectMany(a => a.Entities).FirstOrDefault(e => e.Kind == kind)?.Value;
        var colour = First(EntityKind.Colour);
        var size = First(EntityKind.Size);
        var intents = answered.Select(a => a.Intent).ToHashSet(StringComparer.Ordinal);
        var asked = intents.Contains(RecommendIntent);
        var focusSku = input.Conversation.FocusSkuId is { } skuId && knowledge.Skus.GetValueOrDefault(skuId) is { } sku && sku.ProductId == focus.Id ? sku : null;
        var soldOut = SoldOut(focus, colour ?? focusSku?.Colour, size ?? focusSku?.Size);
        var preSale = intents.Any(i => Intents.ProductQuestions.Contains(i) && !AfterSaleSceneIntents.Contains(i));
        RecommendationScene? scene = asked ? RecommendationScene.PreSale
            : soldOut && preSale ? RecommendationScene.OutOfStock
            : intents.Contains("bargain") ? RecommendationScene.PriceObjection
            : preSale ? RecommendationScene.PreSale
            : intents.Overlaps(OrderSceneIntents) ? RecommendationScene.Order
            : intents.Overlaps(AfterSaleSceneIntents) ? RecommendationScene.AfterSale
            : null;
        if (scene is null)
        {
            return;
        }

        size ??= scene == RecommendationScene.OutOfStock ? focusSku?.Size ?? input.Profile?.SizesBought.FirstOrDefault()?.Value : null;
        var moment = new RecommendationMoment(scene.Value, [focus.Code], size, colour ?? focusSku?.Colour, asked);
        if (Recommend(decision, input, moment, emotion, language) > 0)
        {
            decision.Parts.Add(say(scene switch
            {
                RecommendationScene.OutOfStock => "recommend_out_of_stock",
                RecommendationScene.PriceObjection => "recommend_cheaper",
                RecommendationScene.Order => "recommend_order",
                RecommendationScene.AfterSale => "recommend_after_sale",
                _ => "recommend_presale",
            }));
        }
    }

    private int Recommend(PolicyDecision decision, PolicyInput input, RecommendationMoment moment, string? emotion, string language)
    {
        var settings = input.Shop.Recommendations;
        var tags = input.BuyerTags ?? [];
        var room = Math.Min(
            ReplyRecommendations.Allowance(settings, input.Conversation, tags, emotion, moment.Asked),
            MaxCardsPerReply - decision.Cards.Count);
        var cards = recommendations.Recommend(input.Knowledge!, settings, moment, input.Conversation, input.Profile, tags, language, room,
            decision.Cards.Select(c => c.Code));
        decision.Cards.AddRange(cards);
        if (cards.Count > 0)
        {
            ReplyRecommendations.Shown(input.Conversation, cards);
        }

        return cards.Count;
    }

    // A buyer the shop knows is greeted as one: the tone follows the profile's tags.
    private static string GreetingFor(string intent, IReadOnlyList<string>? tags) =>
        intent != "greeting" || tags is null ? intent
        : tags.Contains(Buyers.BuyerTags.Vip) ? "greeting_vip"
        : tags.Contains(Buyers.BuyerTags.Repeat) ? "greeting_repeat"
        : intent;

    // The variant asked for (or, when none was named, every variant) has no stock.
    private static bool SoldOut(ProductNode product, string? colour, string? size)
    {
        if (product.Skus.Length == 0)
        {
            return false;
        }

        var asked = product.Skus.Where(s => (colour is null || s.Colour == colour) && (size is null || s.Size == size)).ToList();
        return asked.Count > 0 ? asked.All(s => s.Stock <= 0) : !product.InStock;
    }

    // Cards for the products a related-products answer names, each with the relation as its reason;
    // no card for a product offered before in this session, excluded by the merchant or already bought.
    private static void AddRelatedCards(PolicyDecision decision, ShopKnowledge knowledge, KnowledgeAnswer answer, IReadOnlyList<string> withheld, string language)
    {
        var focus = answer.Focus.ProductId is { } focusId ? knowledge.Products.GetValueOrDefault(focusId) : null;
        if (focus is null)
        {
            return;
        }

        AddCards(decision, knowledge, focus.Relations
            .Where(r => answer.Sources.Contains(new KnowledgeNodeRef(NodeKinds.Relation, r.RelationId))
                && !withheld.Contains(knowledge.Products.GetValueOrDefault(r.OtherProductId)?.Code ?? ""))
            .Select(r => (r.OtherProductId, Reason: language == "en" ? Vocabulary.RelationLabels[r.Type].En : Vocabulary.RelationLabels[r.Type].Zh,
                Code: RecommendationReasons.ForRelation(r.Type))));
    }

    // Sold-out products get no card: a card invites a purchase the buyer cannot make.
    private static void AddCards(PolicyDecision decision, ShopKnowledge knowledge, IEnumerable<(long ProductId, string Reason, string Code)> products)
    {
        foreach (var (productId, reason, code) in products)
        {
            if (decision.Cards.Count >= MaxCardsPerReply || decision.Cards.Any(c => c.ProductId == productId)
                || knowledge.Products.GetValueOrDefault(productId) is not { InStock: true } product)
            {
                continue;
            }

            decision.Cards.Add(new ProductCard(product.Id, product.Code, product.Title, product.FromPrice, product.ImageUrl, reason, code));
        }
    }

    private static AnswerQuery QueryFrom(string intent, double confidence, string segment, IReadOnlyList<Entity> entities, string language)
    {
        string? First(EntityKind kind) => entities.FirstOrDefault(e => e.Kind == kind)?.Value;
        double? Number(EntityKind kind) => double.TryParse(First(kind), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        var amount = First(EntityKind.Amount) is { } money && long.TryParse(money[(money.IndexOf(':') + 1)..], out var minor) ? minor : (long?)null;
        var mentioned = entities.Where(e => e.Kind == EntityKind.Product).ToList();
        var products = mentioned.Where(e => long.TryParse(e.Value, out _)).Select(e => long.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        // A phrase several products share goes to the answer as the words the buyer used, which it
        // resolves to all of them and then asks which one.
        var shared = mentioned.Where(e => e.Value.Contains(ProductGazetteer.ProductIdSeparator)).Select(e => e.Text).Distinct().ToList();
        return new AnswerQuery(
            intent,
            Math.Clamp(confidence, 0, 1),
            ProductIds: products.Count > 0 ? products : null,
            ProductMentions: products.Count == 0 && shared.Count > 0 ? shared : null,
            Colour: First(EntityKind.Colour),
            Size: First(EntityKind.Size),
            HeightCm: Number(EntityKind.Height) is { } height and >= 50 and <= 250 ? height : null,
            WeightKg: Number(EntityKind.Weight) is { } weight and >= 10 and <= 250 ? weight : null,
            Quantity: (int?)Number(EntityKind.Quantity) is { } quantity and >= 1 and <= 10000 ? quantity : null,
            Amount: amount,
            Text: segment.Length > 1000 ? segment[..1000] : segment,
            Language: language);
    }

    // "那红色呢?", "L码有吗", "我170的呢": no intent of their own, but slots for the question before.
    private static string? FollowUpIntent(Conversation conversation, MessageUnderstanding whole, string text)
    {
        var last = conversation.RecentIntents.LastOrDefault(Intents.ProductQuestions.Contains);
        if (last is null || conversation.FocusProductId is null && !whole.Entities.Any(e => e.Kind == EntityKind.Product))
        {
            return null;
        }

        if (whole.Entities.Any(e => e.Kind is EntityKind.Height or EntityKind.Weight))
        {
            return Intents.SizeRecommendation;
        }

        return whole.Entities.Any(e => e.Kind is EntityKind.Colour or EntityKind.Size or EntityKind.Product) || BareFollowUp().IsMatch(text.Trim()) ? last : null;
    }

    private static PolicyDecision Finish(PolicyDecision decision, MessageUnderstanding whole, string intent, string language, Func<string, string> say)
    {
        if (whole.Emotion.Emotion is "angry" or "anxious" && decision.Parts.Count > 0)
        {
            decision.Parts[0] = say(Intents.SootheKey(intent)) + decision.Parts[0];
        }

        return decision;
    }

    private static PolicyDecision HandOff(PolicyDecision decision, Conversation conversation, string reason, string reply, string text, DateTime now,
        MessageUnderstanding whole, string? intent = null)
    {
        conversation.Status = ConversationStatus.WaitingForHuman;
        conversation.HandoffReason = reason;
        conversation.HandoffAt = now;
        conversation.AssignedAgent = null;
        var shown = text.Length > 200 ? text[..200] + "…" : text;
        conversation.HandoffSummary = $"{intent ?? whole.Intent.Intent} ({whole.Intent.Confidence:P0}), {whole.Emotion.Emotion}: {shown}";
        decision.HandoffReason = reason;
        decision.Parts.Clear();
        decision.Parts.Add(reply);
        decision.QuickReplies.Clear();
        return decision;
    }

    private void StartSessionIfIdle(Conversation conversation, DateTime now)
    {
        if (now - conversation.LastMessageAt <= TimeSpan.FromMinutes(options.Value.SessionIdleMinutes))
        {
            return;
        }

        conversation.SessionStartedAt = now;
        conversation.FocusProductId = null;
        conversation.FocusSkuId = null;
        ClearPending(conversation);
        conversation.RecentIntents = [];
        conversation.RecommendedProducts = [];
        conversation.MessagesSinceRecommendation = null;
        conversation.FailureCount = 0;
        conversation.AngerCount = 0;
    }

    private static void ClearPending(Conversation conversation)
    {
        conversation.PendingSlot = null;
        conversation.PendingIntent = null;
        conversation.PendingChoices = [];
    }

    private static void Remember(List<string> recent, string value)
    {
        recent.Add(value);
        if (recent.Count > 5)
        {
            recent.RemoveAt(0);
        }
    }

    // One message may ask several questions: "多少钱？有红色吗？什么时候发货".
    internal static IReadOnlyList<string> Segments(string text)
    {
        var parts = SegmentSplitter().Split(text)
            .Select(p => p.Trim())
            .Where(p => p.Count(char.IsLetterOrDigit) >= 2)
            .ToList();
        return parts.Count <= 1 ? [text] : parts;
    }

    internal static int? ChoiceIndex(string text)
    {
        var match = ChoicePattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var token = match.Groups["n"].Value.ToLowerInvariant();
        return token switch
        {
            "1" or "一" or "first" => 0,
            "2" or "二" or "两" or "second" => 1,
            "3" or "三" or "third" => 2,
            "4" or "四" or "fourth" => 3,
            "5" or "五" or "fifth" => 4,
            _ => null,
        };
    }

    internal static string LanguageOf(string text, string shopLanguage)
    {
        var cjk = text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        if (cjk)
        {
            return "zh";
        }

        return text.Any(char.IsAsciiLetter) ? "en" : shopLanguage.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh";
    }

    // "这个呢", "那这款呢", "what about this one": the same question about the product now in focus.
    [GeneratedRegex(@"^(?:那|那么)?(?:这个|这款|这件|那个|那款|那件)(?:呢|怎么样|咋样)?[?？]*$|^(?:and |what about |how about )?this one\??$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareFollowUp();

    [GeneratedRegex(@"[？?。！!；;\n]+|(?:，|,)\s*(?:还有|另外|顺便问下|顺便问一下|and also)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentSplitter();

    [GeneratedRegex(@"^(?:第\s*(?<n>[1-5一二两三四五])\s*(?:个|款|件|种)?|(?<n>[1-5])|(?:the\s+)?(?<n>first|second|third|fourth|fifth)(?:\s+one)?)\s*[。.!！]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChoicePattern();
}
