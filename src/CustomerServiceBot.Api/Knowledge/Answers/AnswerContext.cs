using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Api.Knowledge.Answers;

internal sealed partial class AnswerService
{
    private sealed record Resolution(List<ProductNode> Products, SkuNode? Sku, KnowledgeAnswer? Failure);

    // One question against one view: resolves the product and SKUs once and builds the answer records.
    private sealed class Context(ShopKnowledge knowledge, AnswerQuery query, ConversationFocus focus, DateTime now)
    {
        private const int MaxCandidates = 5;
        private Resolution? _resolution;

        public ShopKnowledge Knowledge => knowledge;
        public AnswerQuery Query => query;
        public string Language { get; } = query.Language == "en" ? "en" : "zh";
        public bool Zh => Language == "zh";

        public ProductNode? FocusProduct =>
            focus.ProductId is { } id && knowledge.Products.TryGetValue(id, out var product) ? product : null;

        public Resolution Resolve() => _resolution ??= ResolveProducts();

        private Resolution ResolveProducts()
        {
            var products = new List<ProductNode>();
            SkuNode? sku = null;
            if (query.ProductIds is { Count: > 0 } ids)
            {
                foreach (var id in ids)
                {
                    if (!knowledge.Products.TryGetValue(id, out var product))
                    {
                        return new Resolution([], null, NoAnswer(AnswerKinds.UnknownProduct, new() { ["mention"] = "#" + id }, []));
                    }

                    products.Add(product);
                }
            }
            else if (query.ProductMentions is { Count: > 0 } mentions)
            {
                foreach (var mention in mentions.Where(m => !string.IsNullOrWhiteSpace(m)))
                {
                    var matches = knowledge.Matcher.Match(mention);
                    var matched = matches.Select(m => m.ProductId).Distinct().Select(id => knowledge.Products[id]).ToList();
                    if (matched.Count == 0)
                    {
                        return new Resolution([], null, NoAnswer(AnswerKinds.UnknownProduct, new() { ["mention"] = mention }, []));
                    }

                    if (matched.Count > 1)
                    {
                        // "这个呢" after talking about one of them: the conversation already chose.
                        if (FocusProduct is { } current && matched.Any(p => p.Id == current.Id))
                        {
                            matched = [current];
                        }
                        else
                        {
                            return new Resolution([], null, Ambiguous(matched));
                        }
                    }

                    if (products.All(p => p.Id != matched[0].Id))
                    {
                        products.Add(matched[0]);
                    }

                    if (matches.Count == 1 && matches[0].SkuId is { } skuId)
                    {
                        sku = knowledge.Skus[skuId];
                    }
                }
            }
            else if (FocusProduct is { } current)
            {
                products.Add(current);
            }

            if (sku is null && products.Count > 0 && focus.SkuId is { } focusSku
                && knowledge.Skus.TryGetValue(focusSku, out var chosen) && chosen.ProductId == products[0].Id)
            {
                sku = chosen;
            }

            return new Resolution(products, sku, null);
        }

        public bool TryProduct(out ProductNode product, out KnowledgeAnswer failure)
        {
            var resolution = Resolve();
            product = resolution.Products.FirstOrDefault()!;
            failure = resolution.Failure ?? (product is null ? NoAnswer(AnswerKinds.ProductRequired, [], []) : null!);
            return resolution.Failure is null && product is not null;
        }

        // Policy answers mention the product when one is known, and do not fail when none is.
        public ProductNode? OptionalProduct() => Resolve() is { Failure: null, Products: [var first, ..] } ? first : null;

        public SkuNode? ChosenSku(ProductNode product)
        {
            if (query.Colour is null && query.Size is null)
            {
                return Resolve().Sku is { } sku && sku.ProductId == product.Id ? sku : null;
            }

            var matching = product.Skus.Where(s => (query.Colour is null || ColourMatches(s.Colour, query.Colour))
                && (query.Size is null || SizeMatches(s.Size, query.Size))).ToList();
            return matching.Count == 1 ? matching[0] : null;
        }

        // The SKUs the question is about: filtered by colour and size, else the one chosen in the conversation, else all.
        public bool TrySkus(ProductNode product, out List<SkuNode> skus, out KnowledgeAnswer failure)
        {
            failure = null!;
            if (query.Colour is null && query.Size is null)
            {
                skus = Resolve().Sku is { } chosen && chosen.ProductId == product.Id ? [chosen] : product.Skus.ToList();
                return true;
            }

            skus = product.Skus.ToList();
            if (query.Colour is { } colour)
            {
                var exact = skus.Where(s => s.Colour is not null && (s.Colour == colour || s.Colour == colour + "色")).ToList();
                skus = exact.Count > 0 ? exact : skus.Where(s => ColourMatches(s.Colour, colour)).ToList();
                if (skus.Count == 0)
                {
                    failure = VariantNotFound(product, colour);
                    return false;
                }
            }

            if (query.Size is { } size)
            {
                skus = skus.Where(s => SizeMatches(s.Size, size)).ToList();
                if (skus.Count == 0)
                {
                    failure = VariantNotFound(product, query.Colour is null ? size : $"{query.Colour}/{size}");
                    return false;
                }
            }

            return true;
        }

        public static bool ColourMatches(string? skuColour, string colour)
        {
            if (skuColour is null)
            {
                return false;
            }

            var wanted = colour.Trim().ToLowerInvariant();
            if (wanted.Length == 0)
            {
                return false;
            }

            if (skuColour.Contains(wanted, StringComparison.Ordinal) || wanted.Contains(skuColour, StringComparison.Ordinal)
                || wanted.EndsWith('色') && skuColour.Contains(wanted[..^1], StringComparison.Ordinal) && wanted.Length > 1)
            {
                return true;
            }

            foreach (var (zh, en) in Vocabulary.Colours)
            {
                if (en.Contains(wanted) && skuColour.Contains(zh, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool SizeMatches(string? skuSize, string size)
        {
            if (skuSize is null)
            {
                return false;
            }

            static string Canonical(string value)
            {
                var text = value.Trim().ToUpperInvariant().Replace("码", "", StringComparison.Ordinal);
                return text switch
                {
                    "2XL" => "XXL",
                    "3XL" => "XXXL",
                    "ONE SIZE" or "ONE_SIZE" or "FREE" or "FREE SIZE" or "均" => "均",
                    _ => text,
                };
            }

            return Canonical(skuSize) == Canonical(size);
        }

        public string Label(ProductNode product, SkuNode? sku) =>
            sku is null ? product.DisplayTitle(Language) : Zh ? $"{product.Title}（{sku.Variant}）" : $"{product.DisplayTitle("en")} ({sku.Variant})";

        public string PriceOf(ProductNode product) => product.Skus.Length == 0
            ? Money.Format(product.ListPrice, knowledge.Currency)
            : Money.Range(product.Skus.Min(s => s.Price), product.Skus.Max(s => s.Price), knowledge.Currency);

        public List<PromotionNode> ActivePromotions(long? productId) =>
            knowledge.Promotions.Where(p => p.IsActive(now) && (productId is null || p.AppliesTo(productId.Value))).ToList();

        // The attribute names the question asks about, best first: the explicit attribute, else words in the text.
        public List<string> AttributeNames(ProductNode product)
        {
            var names = new List<string>();
            if (query.Attribute is { } attribute)
            {
                var lower = attribute.Trim().ToLowerInvariant();
                names.AddRange(Vocabulary.Attributes.Where(a => a.Attribute == attribute || a.Words.Contains(lower)).Select(a => a.Attribute));
                if (names.Count == 0)
                {
                    names.Add(attribute.Trim());
                }
            }
            else if (query.Text is { } text)
            {
                var lower = text.ToLowerInvariant();
                names.AddRange(product.Attributes.Keys.Where(key => key.Length >= 2 && lower.Contains(key, StringComparison.Ordinal)));
                names.AddRange(Vocabulary.Attributes.Where(a => a.Words.Any(w => lower.Contains(w, StringComparison.Ordinal))).Select(a => a.Attribute));
            }

            // Several words can name one attribute ("裙长"/"衣长"): prefer those the product has.
            return names.Distinct().OrderBy(n => product.Attributes.ContainsKey(n) ? 0 : 1).ToList();
        }

        public string Options(List<string> colours, List<string> sizes, List<SkuNode> skus)
        {
            var parts = new List<string>();
            if (colours.Count > 0)
            {
                parts.Add(Zh ? "颜色：" + string.Join("、", colours) : "colours " + string.Join(", ", colours));
            }

            if (sizes.Count > 0)
            {
                parts.Add(Zh ? "尺码：" + string.Join("、", sizes) : "sizes " + string.Join(", ", sizes));
            }

            if (parts.Count == 0)
            {
                parts.Add(string.Join(Zh ? "、" : ", ", skus.Select(s => s.Variant)));
            }

            return string.Join(Zh ? "；" : "; ", parts);
        }

        public KnowledgeAnswer Answered(string kind, Dictionary<string, string> vars, Dictionary<string, string> facts,
            IEnumerable<KnowledgeNodeRef> sources, ProductNode? product, SkuNode? sku) =>
            Build(AnswerStatus.Answered, kind, vars, facts, sources, [], product, sku);

        public KnowledgeAnswer NoAnswer(string kind, Dictionary<string, string> vars, IEnumerable<KnowledgeNodeRef> sources, ProductNode? product = null) =>
            Build(AnswerStatus.NoAnswer, kind, vars, new Dictionary<string, string>(vars), sources, [], product, null);

        public KnowledgeAnswer AttributeMissing(ProductNode product, string attribute) =>
            NoAnswer(AnswerKinds.AttributeMissing, new() { ["product"] = product.DisplayTitle(Language), ["attribute"] = attribute }, [product.Ref], product);

        public KnowledgeAnswer PolicyMissing(string topic) => NoAnswer(AnswerKinds.PolicyMissing, new() { ["topic"] = topic }, []);

        public KnowledgeAnswer PolicyText(PolicyNode policy) => Answered(AnswerKinds.PolicyText,
            new() { ["title"] = policy.Title, ["content"] = Zh ? policy.Content : policy.ContentEn ?? policy.Content },
            new() { ["policy"] = policy.Kind }, [policy.Ref], null, null);

        private KnowledgeAnswer VariantNotFound(ProductNode product, string requested) =>
            NoAnswer(AnswerKinds.VariantNotFound,
                new()
                {
                    ["product"] = product.DisplayTitle(Language),
                    ["requested"] = requested,
                    ["options"] = Options(product.Colours.ToList(), product.Sizes.ToList(), product.Skus.ToList()),
                },
                [product.Ref], product);

        private KnowledgeAnswer Ambiguous(List<ProductNode> candidates)
        {
            var shown = candidates.Take(MaxCandidates).ToList();
            var list = string.Join(Zh ? "；" : "; ", shown.Select((p, i) => $"{i + 1}. {p.DisplayTitle(Language)}（{PriceOf(p)}）"));
            return Build(AnswerStatus.Ambiguous, AnswerKinds.AmbiguousProduct, new() { ["candidates"] = list },
                new() { ["candidates"] = string.Join(",", shown.Select(p => p.Code)) },
                shown.Select(p => p.Ref), shown.Select(p => new ProductCandidate(p.Id, p.Code, p.DisplayTitle(Language))).ToList(), null, null);
        }

        private KnowledgeAnswer Build(AnswerStatus status, string kind, Dictionary<string, string> vars, Dictionary<string, string> facts,
            IEnumerable<KnowledgeNodeRef> sources, IReadOnlyList<ProductCandidate> candidates, ProductNode? product, SkuNode? sku)
        {
            var template = knowledge.Templates.TryGetValue((kind, Language), out var custom)
                ? custom
                : Zh ? ReplyTemplates.BuiltIn[kind].Zh : ReplyTemplates.BuiltIn[kind].En;
            var newFocus = new ConversationFocus(product?.Id ?? focus.ProductId, sku?.Id ?? (product is null || product.Id == focus.ProductId ? focus.SkuId : null));
            return new KnowledgeAnswer(status, kind, ReplyTemplates.Render(template, vars), facts, sources.Distinct().ToList(), candidates, newFocus);
        }
    }
}
