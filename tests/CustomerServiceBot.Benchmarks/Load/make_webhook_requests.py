#!/usr/bin/env python3
"""Writes signed generic-webhook deliveries (Standard Webhooks), one per line (id, timestamp, signature,
body separated by tabs), for webhook.lua.

Signatures carry the current time and go stale after 5 minutes: generate right before the wrk run.
usage: make_webhook_requests.py <count> <secret> <shop> <out.tsv>
"""
import base64, hashlib, hmac, json, sys, time, uuid

TEXTS = ["亲，这件有红色M码吗？", "什么时候发货呀", "包邮吗亲", "WD-1001多少钱", "身高165体重52kg穿什么码",
         "有优惠券吗", "支持七天无理由吗", "能开发票吗", "在吗", "这个面料是纯棉的吗"]

def main(count, secret, shop, out):
    key = base64.b64decode(secret[len("whsec_"):]) if secret.startswith("whsec_") else secret.encode()
    run = uuid.uuid4().hex[:8]
    ts = str(int(time.time()))
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            body = json.dumps({"messageId": f"{run}-{i}", "buyerId": f"load-{run}-{i % 1000}",
                               "text": TEXTS[i % len(TEXTS)]}, ensure_ascii=False, separators=(",", ":"))
            wid = f"msg_{run}_{i}"
            sig = base64.b64encode(hmac.new(key, f"{wid}.{ts}.{body}".encode(), hashlib.sha256).digest()).decode()
            f.write("\t".join([wid, ts, "v1," + sig, body]) + "\n")
    print(f"{count} deliveries for shop {shop} written to {out}", file=sys.stderr)

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4])
