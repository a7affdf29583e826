using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Api.Knowledge.Answers;

// Turns an understood question into an answer from the shop's view, and only from it: every sentence
// is a template filled with facts read from nodes, and the nodes are returned as the grounding.
// Pure and synchronous: no I/O, so it answers in microseconds from the cached view.
internal sealed partial class AnswerService(TimeProvider clock)
{
    // Below this the intent is a guess: the answer comes from the FAQ or not at all, never from a
    // structured answer to a question the buyer may not have asked.
    public const double MinIntentConfidence = 0.35;

    private static readonly string[] SummaryAttributes = ["面料", "厚度", "版型", "弹力", "季节"];

    public KnowledgeAnswer Answer(ShopKnowledge knowledge, AnswerQuery query, ConversationFocus? focus = null)
    {
        var c = new Context(knowledge, query, focus ?? new ConversationFocus(), clock.GetUtcNow().UtcDateTime);
        var answer = query.Confidence < MinIntentConfidence ? null : query.Intent switch
        {
            "product_price" => Price(c),
            "product_stock" => Stock(c),
            "product_variant" => Variants(c),
            "product_spec" or "product_material" => Spec(c),
            "size_recommendation" => Size(c),
            "product_compare" => Compare(c),
            "product_compatibility" or "product_usage" when query.Attribute is null => Compatibility(c),
            "product_usage" => Spec(c),
            "recommend_product" => Related(c),
            "promotion_coupon" or "bargain" => Promotions(c),
            "shipping_time" or "presale_rules" => ShippingTime(c),
            "shipping_carrier" => ShippingCarrier(c),
            "shipping_fee" => ShippingFee(c),
            "delivery_area" => DeliveryArea(c),
            "return_policy" or "return_request" => Returns(c),
            "exchange_request" => Exchange(c),
            "warranty_repair" or "quality_complaint" => Warranty(c),
            "invoice" => Invoice(c),
            _ => null,
        };

        if (answer is null || answer is { Status: AnswerStatus.NoAnswer, Kind: AnswerKinds.PolicyMissing or AnswerKinds.NoMatch })
        {
            answer = Faq(c) ?? answer;
        }

        return answer ?? c.NoAnswer(AnswerKinds.NoMatch, [], []);
    }

    private static KnowledgeAnswer Price(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        if (!c.TrySkus(product, out var skus, out failure))
        {
            return failure;
        }

        var min = skus.Count > 0 ? skus.Min(s => s.Price) : product.ListPrice;
        var max = skus.Count > 0 ? skus.Max(s => s.Price) : product.ListPrice;
        var single = skus.Count == 1 ? skus[0] : null;
        var promotions = c.ActivePromotions(product.Id);
        var facts = new Dictionary<string, string>
        {
            ["price_min"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["price_max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = c.Knowledge.Currency,
            ["promotion_codes"] = string.Join(",", promotions.Select(p => p.Code)),
        };
        if (single is not null)
        {
            facts["sku"] = single.Code;
        }

        var vars = new Dictionary<string, string>
        {
            ["product"] = c.Label(product, single),
            ["price"] = Money.Range(min, max, c.Knowledge.Currency),
            ["promotions"] = promotions.Count == 0 ? "" : c.Zh
                ? "当前优惠：" + string.Join("；", promotions.Select(p => p.Title)) + "。"
                : "Current offers: " + string.Join("; ", promotions.Select(p => p.DisplayTitle("en"))) + ".",
        };
        return c.Answered(AnswerKinds.Price, vars, facts, [product.Ref, .. SkuRefs(skus), .. promotions.Select(p => p.Ref)], product, single);
    }

    private static KnowledgeAnswer Stock(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        if (!c.TrySkus(product, out var skus, out failure))
        {
            return failure;
        }

        if (product.Skus.Length == 0)
        {
            return c.AttributeMissing(product, c.Zh ? "库存" : "stock");
        }

        if (skus.Count == 1)
        {
            var sku = skus[0];
            var facts = new Dictionary<string, string> { ["sku"] = sku.Code, ["stock"] = Invariant(sku.Stock) };
            if (sku.Stock > 0)
            {
                return c.Answered(AnswerKinds.Stock,
                    new() { ["product"] = product.DisplayTitle(c.Language), ["variant"] = sku.Variant, ["stock"] = Invariant(sku.Stock) },
                    facts, [product.Ref, sku.Ref], product, sku);
            }

            var alternatives = product.Skus
                .Where(s => s.Stock > 0 && s.Id != sku.Id && (s.Colour == sku.Colour || s.Size == sku.Size))
                .OrderBy(s => s.Colour == sku.Colour ? 0 : 1).Take(6).ToList();
            facts["alternatives"] = string.Join(",", alternatives.Select(s => s.Code));
            return c.Answered(AnswerKinds.OutOfStock,
                new()
                {
                    ["product"] = product.DisplayTitle(c.Language),
                    ["variant"] = sku.Variant,
                    ["alternatives"] = alternatives.Count == 0 ? "" : c.Zh
                        ? "有货的还有：" + string.Join("、", alternatives.Select(s => s.Variant)) + "。"
                        : "In stock instead: " + string.Join(", ", alternatives.Select(s => s.Variant)) + ".",
                },
                facts, [product.Ref, sku.Ref, .. SkuRefs(alternatives)], product, sku);
        }

        var inStock = skus.Where(s => s.Stock > 0).ToList();
        var outOfStock = skus.Where(s => s.Stock <= 0).ToList();
        var selection = c.Query.Colour ?? c.Query.Size ?? (c.Zh ? "全部款式" : "all options");
        var summaryFacts = new Dictionary<string, string>
        {
            ["in_stock"] = string.Join(",", inStock.Select(s => s.Code)),
            ["out_of_stock"] = string.Join(",", outOfStock.Select(s => s.Code)),
        };
        if (inStock.Count == 0)
        {
            return c.Answered(AnswerKinds.OutOfStock,
                new() { ["product"] = product.DisplayTitle(c.Language), ["variant"] = selection, ["alternatives"] = "" },
                summaryFacts, [product.Ref, .. SkuRefs(skus)], product, null);
        }

        return c.Answered(AnswerKinds.StockSummary,
            new()
            {
                ["product"] = product.DisplayTitle(c.Language),
                ["in_stock"] = string.Join(c.Zh ? "、" : ", ", inStock.Take(30).Select(s => s.Variant)),
                ["out_of_stock"] = outOfStock.Count == 0 ? "" : c.Zh
                    ? "暂时缺货：" + string.Join("、", outOfStock.Take(30).Select(s => s.Variant)) + "。"
                    : "Out of stock: " + string.Join(", ", outOfStock.Take(30).Select(s => s.Variant)) + ".",
            },
            summaryFacts, [product.Ref, .. SkuRefs(skus)], product, null);
    }

    private static KnowledgeAnswer Variants(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        if (!c.TrySkus(product, out var skus, out failure))
        {
            return failure;
        }

        if (skus.Count == 0)
        {
            return c.AttributeMissing(product, c.Zh ? "规格" : "options");
        }

        var colours = skus.Select(s => s.Colour).OfType<string>().Distinct().ToList();
        var sizes = skus.Select(s => s.Size).OfType<string>().Distinct().ToList();
        return c.Answered(AnswerKinds.Variants,
            new() { ["product"] = product.DisplayTitle(c.Language), ["options"] = c.Options(colours, sizes, skus) },
            new() { ["colours"] = string.Join(",", colours), ["sizes"] = string.Join(",", sizes) },
            [product.Ref, .. SkuRefs(skus)], product, skus.Count == 1 ? skus[0] : null);
    }

    private static KnowledgeAnswer Spec(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        var sku = c.ChosenSku(product);
        var names = c.AttributeNames(product);
        if (names.Count == 0)
        {
            var present = SummaryAttributes.Where(product.Attributes.ContainsKey).ToList();
            if (present.Count == 0)
            {
                return c.AttributeMissing(product, c.Zh ? "参数" : "specifications");
            }

            return c.Answered(AnswerKinds.SpecSummary,
                new()
                {
                    ["product"] = product.DisplayTitle(c.Language),
                    ["specs"] = string.Join(c.Zh ? "；" : "; ", present.Select(n => $"{Vocabulary.AttributeLabel(n, c.Language)}{(c.Zh ? "：" : ": ")}{product.Attributes[n].Value}")),
                },
                present.ToDictionary(n => n, n => product.Attributes[n].Value),
                [product.Ref, .. present.Select(n => product.Attributes[n].Source).Distinct()], product, sku);
        }

        foreach (var name in names)
        {
            var own = sku?.Attributes.FirstOrDefault(pair => pair.Key == name).Value;
            if (own is not null || product.Attributes.ContainsKey(name))
            {
                var value = own ?? product.Attributes[name].Value;
                var source = own is not null ? sku!.Ref : product.Attributes[name].Source;
                return c.Answered(AnswerKinds.Spec,
                    new() { ["product"] = product.DisplayTitle(c.Language), ["attribute"] = Vocabulary.AttributeLabel(name, c.Language), ["value"] = value },
                    new() { ["attribute"] = name, ["value"] = value, ["inherited_from"] = source.Kind },
                    source == product.Ref ? [product.Ref] : [product.Ref, source], product, sku);
            }
        }

        return c.AttributeMissing(product, Vocabulary.AttributeLabel(names[0], c.Language));
    }

    private static KnowledgeAnswer Size(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        var chart = product.SizeChart;
        if (chart is null)
        {
            if (product.Attributes.TryGetValue(ShopKnowledge.SizeAttribute, out var oneSize))
            {
                return c.Answered(AnswerKinds.Spec,
                    new() { ["product"] = product.DisplayTitle(c.Language), ["attribute"] = Vocabulary.AttributeLabel(ShopKnowledge.SizeAttribute, c.Language), ["value"] = oneSize.Value },
                    new() { ["attribute"] = ShopKnowledge.SizeAttribute, ["value"] = oneSize.Value },
                    [product.Ref, oneSize.Source], product, null);
            }

            return c.NoAnswer(AnswerKinds.NoSizeChart, new() { ["product"] = product.DisplayTitle(c.Language) }, [product.Ref], product);
        }

        var height = c.Query.HeightCm;
        var weight = c.Query.WeightKg;
        if (height is null && weight is null)
        {
            return c.NoAnswer(AnswerKinds.BodyRequired, new() { ["product"] = product.DisplayTitle(c.Language) }, [product.Ref, chart.Ref], product);
        }

        var body = string.Join(c.Zh ? "、" : ", ", new[]
        {
            height is { } h ? (c.Zh ? $"身高{h:0.#}cm" : $"{h:0.#} cm") : null,
            weight is { } w ? (c.Zh ? $"体重{w:0.#}kg" : $"{w:0.#} kg") : null,
        }.OfType<string>());
        var byHeight = Indexes(chart.Rows, row => height is { } h && row.HeightMinCm <= h && h <= row.HeightMaxCm);
        var byWeight = Indexes(chart.Rows, row => weight is { } w && row.WeightMinKg <= w && w <= row.WeightMaxKg);
        if (height is not null && byHeight.Count == 0 || weight is not null && byWeight.Count == 0)
        {
            return c.NoAnswer(AnswerKinds.OutOfSizeRange, new() { ["product"] = product.DisplayTitle(c.Language), ["body"] = body }, [product.Ref, chart.Ref], product);
        }

        int chosen;
        if (height is null || weight is null)
        {
            chosen = (height is null ? byWeight : byHeight)[0];
        }
        else
        {
            var both = byHeight.Intersect(byWeight).ToList();
            // Height and weight disagree: the larger of the two fits; a tight size is the common complaint.
            chosen = both.Count > 0 ? both[0] : Math.Max(byHeight[0], byWeight[0]);
        }

        var size = chart.Rows[chosen].Size;
        var sources = new List<KnowledgeNodeRef> { product.Ref, chart.Ref };
        var note = "";
        if (product.Attributes.TryGetValue("尺码建议", out var advice))
        {
            note = advice.Value + (c.Zh ? "。" : ".");
            sources.Add(advice.Source);
        }

        var facts = new Dictionary<string, string> { ["size"] = size, ["size_chart"] = chart.Code };
        var sku = product.Skus.FirstOrDefault(s => s.Size == size && (c.Query.Colour is null || Context.ColourMatches(s.Colour, c.Query.Colour)));
        if (sku is not null)
        {
            facts["stock"] = Invariant(sku.Stock);
        }

        return c.Answered(AnswerKinds.Size,
            new() { ["product"] = product.DisplayTitle(c.Language), ["body"] = body, ["size"] = size, ["note"] = note },
            facts, sources, product, null);
    }

    private static KnowledgeAnswer Compare(Context c)
    {
        var resolution = c.Resolve();
        if (resolution.Failure is { } failure)
        {
            return failure;
        }

        var products = resolution.Products;
        if (products.Count < 2 && c.FocusProduct is { } focusProduct && products.All(p => p.Id != focusProduct.Id))
        {
            products = [focusProduct, .. products];
        }

        if (products.Count < 2)
        {
            return c.NoAnswer(AnswerKinds.ProductRequired, [], products.Select(p => p.Ref).ToList(), products.FirstOrDefault());
        }

        var (a, b) = (products[0], products[1]);
        var separator = c.Zh ? "；" : "; ";
        var parts = new List<string>
        {
            $"{(c.Zh ? "价格" : "price")}{(c.Zh ? "：" : ": ")}{c.PriceOf(a)} / {c.PriceOf(b)}",
        };
        var sources = new List<KnowledgeNodeRef> { a.Ref, b.Ref };
        foreach (var name in SummaryAttributes)
        {
            var left = a.Attributes.GetValueOrDefault(name);
            var right = b.Attributes.GetValueOrDefault(name);
            if (left is not null || right is not null)
            {
                parts.Add($"{Vocabulary.AttributeLabel(name, c.Language)}{(c.Zh ? "：" : ": ")}{left?.Value ?? "—"} / {right?.Value ?? "—"}");
            }
        }

        return c.Answered(AnswerKinds.Compare,
            new() { ["product"] = a.DisplayTitle(c.Language), ["other"] = b.DisplayTitle(c.Language), ["differences"] = string.Join(separator, parts) },
            new() { ["products"] = $"{a.Code},{b.Code}" }, sources, a, null);
    }

    private static KnowledgeAnswer Compatibility(Context c)
    {
        var resolution = c.Resolve();
        if (resolution.Failure is { } failure)
        {
            return failure;
        }

        var products = resolution.Products;
        if (products.Count == 1 && c.FocusProduct is { } focusProduct && focusProduct.Id != products[0].Id)
        {
            products = [focusProduct, products[0]];
        }

        if (products.Count == 0)
        {
            return c.NoAnswer(AnswerKinds.ProductRequired, [], []);
        }

        if (products.Count == 1)
        {
            return Related(c, products[0], [RelationTypes.CompatibleWith, RelationTypes.AccessoryOf, RelationTypes.BundleWith]);
        }

        var (a, b) = (products[0], products[1]);
        var edge = a.Relations.FirstOrDefault(r => r.OtherProductId == b.Id);
        if (edge is null)
        {
            return c.NoAnswer(AnswerKinds.RelationUnknown,
                new() { ["product"] = a.DisplayTitle(c.Language), ["other"] = b.DisplayTitle(c.Language) }, [a.Ref, b.Ref], a);
        }

        var label = Vocabulary.RelationLabels[edge.Type];
        return c.Answered(AnswerKinds.Compatible,
            new() { ["product"] = a.DisplayTitle(c.Language), ["other"] = b.DisplayTitle(c.Language), ["relation"] = c.Zh ? label.Zh : label.En },
            new() { ["relation"] = edge.Type, ["from"] = edge.Outgoing ? a.Code : b.Code, ["to"] = edge.Outgoing ? b.Code : a.Code },
            [a.Ref, b.Ref, new KnowledgeNodeRef(NodeKinds.Relation, edge.RelationId)], a, null);
    }

    private static KnowledgeAnswer Related(Context c)
    {
        if (!c.TryProduct(out var product, out var failure))
        {
            return failure;
        }

        return Related(c, product, RelationTypes.All);
    }

    private static KnowledgeAnswer Related(Context c, ProductNode product, IReadOnlyList<string> types)
    {
        var edges = product.Relations.Where(r => types.Contains(r.Type))
            .OrderBy(r => types.ToList().IndexOf(r.Type)).ThenBy(r => r.OtherProductId).ToList();
        if (edges.Count == 0)
        {
            return c.NoAnswer(AnswerKinds.RelationUnknown,
                new() { ["product"] = product.DisplayTitle(c.Language), ["other"] = c.Zh ? "其他商品" : "other products" }, [product.Ref], product);
        }

        var items = edges.Select(e =>
        {
            var other = c.Knowledge.Products[e.OtherProductId];
            var label = Vocabulary.RelationLabels[e.Type];
            return c.Zh ? $"{other.Title}（{label.Zh}，{c.PriceOf(other)}）" : $"{other.DisplayTitle("en")} ({label.En}, {c.PriceOf(other)})";
        });
        return c.Answered(AnswerKinds.Related,
            new() { ["product"] = product.DisplayTitle(c.Language), ["items"] = string.Join(c.Zh ? "；" : "; ", items) },
            new() { ["related"] = string.Join(",", edges.Select(e => $"{e.Type}:{c.Knowledge.Products[e.OtherProductId].Code}")) },
            [product.Ref, .. edges.Select(e => new KnowledgeNodeRef(NodeKinds.Relation, e.RelationId)), .. edges.Select(e => new KnowledgeNodeRef(NodeKinds.Product, e.OtherProductId))],
            product, null);
    }

    private static KnowledgeAnswer Promotions(Context c)
    {
        var product = c.OptionalProduct();
        var promotions = c.ActivePromotions(product?.Id);
        if (promotions.Count == 0)
        {
            return c.NoAnswer(AnswerKinds.NoMatch, [], product is null ? [] : [product.Ref], product);
        }

        return c.Answered(AnswerKinds.Promotions,
            new() { ["items"] = string.Join(c.Zh ? "；" : "; ", promotions.Select(p => p.DisplayTitle(c.Language))) },
            new() { ["promotion_codes"] = string.Join(",", promotions.Select(p => p.Code)) },
            [.. promotions.Select(p => p.Ref), .. product is null ? Array.Empty<KnowledgeNodeRef>() : [product.Ref]], product, null);
    }

    private static KnowledgeAnswer ShippingTime(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Shipping, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "发货" : "shipping");
        }

        var hours = policy.Number("dispatchWithinHours");
        if (hours is null)
        {
            return c.PolicyText(policy);
        }

        var product = c.OptionalProduct();
        var sources = new List<KnowledgeNodeRef> { policy.Ref };
        var presale = "";
        if (product is not null && product.Attributes.TryGetValue("发货时效", out var dispatch))
        {
            presale = $"{product.DisplayTitle(c.Language)}{(c.Zh ? "：" : ": ")}{dispatch.Value}{(c.Zh ? "。" : ".")}";
            sources.Add(product.Ref);
        }

        var region = c.Query.Area is { } area ? Vocabulary.Region(area) : null;
        if (region is not null && policy.Strings("unsupportedRegions").Contains(region))
        {
            return DeliveryArea(c);
        }

        var remote = region is not null && policy.Strings("remoteRegions").Contains(region);
        var (min, max) = remote
            ? (policy.Number("remoteDeliveryDaysMin"), policy.Number("remoteDeliveryDaysMax"))
            : (policy.Number("standardDeliveryDaysMin"), policy.Number("standardDeliveryDaysMax"));
        var days = min is null || max is null ? null : min == max ? Invariant(min.Value) : $"{min}–{max}";
        var where = region is null ? "" : Vocabulary.RegionLabel(region, c.Language);
        var delivery = days is null ? "" : c.Zh
            ? $"{(where.Length > 0 ? "发往" + where : "一般")}发货后约{days}天送达"
            : $"delivery{(where.Length > 0 ? " to " + where : "")} takes about {days} days after dispatch";
        return c.Answered(AnswerKinds.ShippingTime,
            new() { ["dispatch_hours"] = Invariant(hours.Value), ["ships_from"] = policy.String("shipsFrom") ?? "", ["delivery"] = delivery, ["presale"] = presale },
            new() { ["dispatch_hours"] = Invariant(hours.Value), ["delivery_days"] = days ?? "", ["region"] = region ?? "", ["remote"] = remote ? "true" : "false" },
            sources, product, null);
    }

    private static KnowledgeAnswer ShippingCarrier(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Shipping, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "快递" : "carrier");
        }

        var carriers = policy.Strings("defaultCarriers");
        if (carriers.Length == 0)
        {
            return c.PolicyText(policy);
        }

        var optional = policy.Objects("optionalCarriers")
            .Select(o => (Name: o.TryGetProperty("name", out var n) ? n.GetString() : null, Fee: o.TryGetProperty("surchargeFen", out var f) && f.TryGetInt64(out var fee) ? fee : (long?)null))
            .Where(o => o.Name is not null).ToList();
        var optionalText = string.Concat(optional.Select(o => c.Zh
            ? $"如需{o.Name}，每单加收{Money.Format(o.Fee ?? 0, c.Knowledge.Currency)}。"
            : $"{o.Name} costs {Money.Format(o.Fee ?? 0, c.Knowledge.Currency)} extra per order. "));
        return c.Answered(AnswerKinds.ShippingCarrier,
            new() { ["carriers"] = string.Join(c.Zh ? "或" : " or ", carriers), ["optional"] = optionalText },
            new() { ["carriers"] = string.Join(",", carriers), ["optional_carriers"] = string.Join(",", optional.Select(o => o.Name)) },
            [policy.Ref], null, null);
    }

    private static KnowledgeAnswer ShippingFee(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Shipping, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "运费" : "shipping fee");
        }

        var threshold = policy.Number("freeShippingThresholdFen");
        var fee = policy.Number("standardFeeFen");
        if (threshold is null || fee is null)
        {
            return c.PolicyText(policy);
        }

        var currency = c.Knowledge.Currency;
        var region = c.Query.Area is { } area ? Vocabulary.Region(area) : null;
        if (region is not null && policy.Strings("unsupportedRegions").Contains(region))
        {
            return DeliveryArea(c);
        }

        var facts = new Dictionary<string, string> { ["region"] = region ?? "" };
        string rule;
        if (region is not null && policy.Strings("remoteRegions").Contains(region) && policy.Number("remoteFeeFen") is { } remoteFee)
        {
            facts["fee"] = Invariant(remoteFee);
            rule = c.Zh
                ? $"{region}不参与包邮，每单运费{Money.Format(remoteFee, currency)}"
                : $"{Vocabulary.RegionLabel(region, "en")} is not covered by free shipping; {Money.Format(remoteFee, currency)} per order";
        }
        else if (c.Query.Amount is { } amount)
        {
            var free = amount >= threshold;
            facts["fee"] = free ? "0" : Invariant(fee.Value);
            rule = (free, c.Zh) switch
            {
                (true, true) => $"订单{Money.Format(amount, currency)}已满{Money.Format(threshold.Value, currency)}，包邮",
                (false, true) => $"订单{Money.Format(amount, currency)}未满{Money.Format(threshold.Value, currency)}，运费{Money.Format(fee.Value, currency)}",
                (true, false) => $"{Money.Format(amount, currency)} reaches {Money.Format(threshold.Value, currency)}, so shipping is free",
                (false, false) => $"{Money.Format(amount, currency)} is below {Money.Format(threshold.Value, currency)}, so shipping is {Money.Format(fee.Value, currency)}",
            };
        }
        else
        {
            facts["fee"] = Invariant(fee.Value);
            var remote = policy.Strings("remoteRegions");
            rule = c.Zh
                ? $"订单实付满{Money.Format(threshold.Value, currency)}包邮，不满收{Money.Format(fee.Value, currency)}" + (remote.Length > 0 ? $"（{string.Join("、", remote)}除外）" : "")
                : $"free from {Money.Format(threshold.Value, currency)}, otherwise {Money.Format(fee.Value, currency)}" +
                  (remote.Length > 0 ? $" (except {string.Join(", ", remote.Select(r => Vocabulary.RegionLabel(r, "en")))})" : "");
        }

        facts["free_threshold"] = Invariant(threshold.Value);
        return c.Answered(AnswerKinds.ShippingFee, new() { ["fee_rule"] = rule }, facts, [policy.Ref], null, null);
    }

    private static KnowledgeAnswer DeliveryArea(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Shipping, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "配送范围" : "delivery area");
        }

        var region = c.Query.Area is { } area ? Vocabulary.Region(area) : null;
        var unsupported = policy.Strings("unsupportedRegions");
        var remote = policy.Strings("remoteRegions");
        var currency = c.Knowledge.Currency;
        string coverage;
        string status;
        if (region is null)
        {
            status = "summary";
            coverage = unsupported.Length == 0 ? (c.Zh ? "全国可配送" : "we deliver everywhere") : c.Zh
                ? $"暂不支持配送到{string.Join("、", unsupported)}"
                : $"we do not deliver to {string.Join(", ", unsupported.Select(r => Vocabulary.RegionLabel(r, "en")))}";
        }
        else if (unsupported.Contains(region))
        {
            status = "unsupported";
            coverage = c.Zh ? "暂不支持配送" : "we do not deliver there";
        }
        else if (remote.Contains(region))
        {
            status = "remote";
            var fee = policy.Number("remoteFeeFen");
            var (min, max) = (policy.Number("remoteDeliveryDaysMin"), policy.Number("remoteDeliveryDaysMax"));
            coverage = c.Zh
                ? $"可以配送，不参与包邮{(fee is null ? "" : $"，每单运费{Money.Format(fee.Value, currency)}")}{(min is null ? "" : $"，发货后约{min}–{max}天送达")}"
                : $"we deliver there; free shipping does not apply{(fee is null ? "" : $", {Money.Format(fee.Value, currency)} per order")}{(min is null ? "" : $", about {min}–{max} days after dispatch")}";
        }
        else
        {
            status = "supported";
            var (min, max) = (policy.Number("standardDeliveryDaysMin"), policy.Number("standardDeliveryDaysMax"));
            coverage = c.Zh
                ? $"可以配送{(min is null ? "" : $"，一般发货后{min}–{max}天送达")}"
                : $"we deliver there{(min is null ? "" : $", usually {min}–{max} days after dispatch")}";
        }

        return c.Answered(AnswerKinds.DeliveryArea,
            new() { ["area"] = region is null ? (c.Zh ? "配送范围" : "Delivery") : Vocabulary.RegionLabel(region, c.Language), ["coverage"] = coverage },
            new() { ["region"] = region ?? "", ["coverage"] = status },
            [policy.Ref], null, null);
    }

    private static KnowledgeAnswer Returns(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Returns, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "退货" : "returns");
        }

        if (policy.Number("noReasonReturnDays") is not { } days)
        {
            return c.PolicyText(policy);
        }

        var sources = new List<KnowledgeNodeRef> { policy.Ref };
        var product = c.OptionalProduct();
        var productRule = "";
        if (product is not null && product.Attributes.TryGetValue("是否支持七天无理由", out var rule))
        {
            productRule = $"{product.DisplayTitle(c.Language)}{(c.Zh ? "：" : ": ")}{rule.Value}{(c.Zh ? "。" : ".")}";
            sources.Add(product.Ref);
            sources.Add(rule.Source);
        }

        var shipping = policy.String("returnShippingPaidBy") switch
        {
            "buyer" => c.Zh ? "非质量问题的退货运费由买家承担" + (policy.String("qualityIssueShippingPaidBy") == "shop" ? "，质量问题由店铺承担。" : "。")
                : "You pay return postage unless the item is faulty" + (policy.String("qualityIssueShippingPaidBy") == "shop" ? " (then we pay). " : ". "),
            "shop" => c.Zh ? "退货运费由店铺承担。" : "We pay return postage. ",
            _ => "",
        };
        var refund = policy.Number("refundWorkingDaysMin") is { } rmin && policy.Number("refundWorkingDaysMax") is { } rmax
            ? c.Zh ? $"退款在仓库验收后{rmin}–{rmax}个工作日内原路退回。" : $"Refunds go back to the original payment within {rmin}–{rmax} working days after we check the return. "
            : "";
        var conditions = policy.Strings("conditions");
        return c.Answered(AnswerKinds.ReturnPolicy,
            new()
            {
                ["days"] = Invariant(days),
                ["conditions"] = string.Join(c.Zh ? "、" : ", ", conditions),
                ["shipping"] = shipping,
                ["refund"] = refund,
                ["product_rule"] = productRule,
            },
            new() { ["return_days"] = Invariant(days), ["conditions"] = string.Join(",", conditions), ["product_rule"] = productRule },
            sources, product, null);
    }

    private static KnowledgeAnswer Exchange(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Exchange, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "换货" : "exchange");
        }

        if (policy.Number("exchangeDays") is not { } days)
        {
            return c.PolicyText(policy);
        }

        var details = new List<string>();
        if (policy.Number("freeExchangesPerItem") is { } free)
        {
            details.Add(c.Zh ? $"每件可免费换{free}次" : $"{free} free exchange(s) per item");
        }

        if (policy.Flag("colourChangeAllowed") == true)
        {
            details.Add(c.Zh ? "可以换颜色" : "colour changes allowed");
        }

        if (policy.Number("returnPostageReimbursedUpToFen") is { } postage)
        {
            details.Add(c.Zh ? $"寄回运费补偿{Money.Format(postage, c.Knowledge.Currency)}以内" : $"return postage refunded up to {Money.Format(postage, c.Knowledge.Currency)}");
        }

        var conditions = policy.Strings("conditions");
        return c.Answered(AnswerKinds.ExchangePolicy,
            new()
            {
                ["days"] = Invariant(days),
                ["conditions"] = string.Join(c.Zh ? "、" : ", ", conditions),
                ["details"] = details.Count == 0 ? "" : string.Join(c.Zh ? "，" : "; ", details) + (c.Zh ? "。" : "."),
            },
            new() { ["exchange_days"] = Invariant(days) },
            [policy.Ref], null, null);
    }

    private static KnowledgeAnswer Warranty(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Warranty, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "质保" : "warranty");
        }

        if (policy.Number("qualityGuaranteeDays") is not { } days)
        {
            return c.PolicyText(policy);
        }

        var excluded = policy.Strings("excluded");
        return c.Answered(AnswerKinds.Warranty,
            new()
            {
                ["days"] = Invariant(days),
                ["remedies"] = string.Join(c.Zh ? "或" : " or ", policy.Strings("remedies")),
                ["evidence"] = string.Join(c.Zh ? "或" : " or ", policy.Strings("evidenceRequired")),
                ["excluded"] = excluded.Length == 0 ? "" : c.Zh ? $"以下不属于质量问题：{string.Join("、", excluded)}。" : $"Not covered: {string.Join(", ", excluded)}.",
            },
            new() { ["warranty_days"] = Invariant(days) },
            [policy.Ref], null, null);
    }

    private static KnowledgeAnswer Invoice(Context c)
    {
        if (!c.Knowledge.Policies.TryGetValue(PolicyKinds.Invoice, out var policy))
        {
            return c.PolicyMissing(c.Zh ? "发票" : "invoice");
        }

        var types = policy.Strings("types");
        if (types.Length == 0)
        {
            return c.PolicyText(policy);
        }

        var notOffered = new List<string>();
        if (policy.Flag("specialVatInvoice") == false)
        {
            notOffered.Add(c.Zh ? "增值税专用发票" : "special VAT invoices");
        }

        if (policy.Flag("paperInvoice") == false)
        {
            notOffered.Add(c.Zh ? "纸质发票" : "paper invoices");
        }

        var within = policy.Number("issueWithinDaysAfterReceipt");
        var delivery = policy.Strings("delivery");
        var timing = c.Zh
            ? $"{(within is null ? "" : $"确认收货后{within}天内开具")}{(delivery.Length == 0 ? "" : $"，通过{string.Join("或", delivery)}获取")}"
            : $"{(within is null ? "" : $"issued within {within} days after you confirm receipt")}{(delivery.Length == 0 ? "" : $", via {string.Join(" or ", delivery)}")}";
        return c.Answered(AnswerKinds.Invoice,
            new()
            {
                ["types"] = string.Join(c.Zh ? "、" : ", ", types),
                ["titles"] = string.Join(c.Zh ? "或" : " or ", policy.Strings("titleTypes")),
                ["timing"] = timing.TrimStart('，', ','),
                ["not_offered"] = notOffered.Count == 0 ? "" : c.Zh ? $"不提供{string.Join("和", notOffered)}。" : $"We don't issue {string.Join(" or ", notOffered)}.",
            },
            new() { ["invoice_types"] = string.Join(",", types), ["special_vat_invoice"] = policy.Flag("specialVatInvoice") == true ? "true" : "false" },
            [policy.Ref], null, null);
    }

    private static KnowledgeAnswer? Faq(Context c)
    {
        if (string.IsNullOrWhiteSpace(c.Query.Text))
        {
            return null;
        }

        var hits = c.Knowledge.Faqs.Search(c.Query.Text, top: 3);
        if (hits.Count == 0)
        {
            return null;
        }

        var best = hits[0];
        var answer = c.Zh ? best.Entry.Answer : best.Entry.AnswerEn ?? best.Entry.Answer;
        return c.Answered(AnswerKinds.Faq,
            new() { ["answer"] = answer, ["question"] = best.Entry.Questions[0] },
            new()
            {
                ["faq"] = best.Entry.Code,
                ["score"] = best.Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                ["alternatives"] = string.Join(",", hits.Skip(1).Select(h => h.Entry.Code)),
            },
            [best.Entry.Ref], c.OptionalProduct(), null);
    }

    private static List<int> Indexes(SizeChartRow[] rows, Func<SizeChartRow, bool> predicate)
    {
        var result = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (predicate(rows[i]))
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static IEnumerable<KnowledgeNodeRef> SkuRefs(IReadOnlyList<SkuNode> skus) => skus.Count <= 12 ? skus.Select(s => s.Ref) : [];

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
