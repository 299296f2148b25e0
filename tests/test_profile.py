import pandas as pd

from passionmap import profile
from passionmap.profiles import generation_mix


def test_label_uses_lift_not_raw_counts():
    ids = [f"c{i}" for i in range(8)]
    comments = pd.DataFrame(
        {
            "customer_id": ids,
            "channel": ["pinterest"] * 3 + ["email"] + ["twitter"] * 4,
            "age": [30.0, 31.0, 55.0, None, 20.0, 21.0, 22.0, 23.0],
            "generation": ["Millennials", "Millennials", "Gen X", None] + ["Gen Z"] * 4,
            "timestamp": pd.NaT,
        }
    )
    rows = []
    for c in ids:  # everyone drinks coffee; the first four bake, the last four swim
        rows.append((c, "coffee", 0.5))
        rows.append((c, "sourdough" if c < "c4" else "swim meet", 0.9))
    m = pd.DataFrame(rows, columns=["customer_id", "term", "passion"])
    m = m.assign(label=m["term"], kind="interest")
    clusters = pd.Series([0] * 4 + [1] * 4, index=ids)
    p = profile(comments, m, clusters)
    bakers = p.clusters.set_index("cluster").loc[0]
    assert bakers["label"].startswith("sourdough")  # coffee is more common, less distinctive
    assert bakers["start_channel"] == "pinterest" and bakers["start_share"] == 0.75
    assert bakers["generation_mix"] == "Millennials 50%; Gen X 25%; unknown 25%"
    assert bakers["size"] == 4
    cust = p.customers.set_index("customer_id")
    assert cust.loc["c0", "top_interests"] == "sourdough; coffee"
    assert cust.loc["c7", "cluster"] == 1 and cust.loc["c7", "channels"] == "twitter"


def test_generation_mix_orders_by_share():
    assert generation_mix(pd.Series(["Gen Z", "Gen X", "Gen X"])) == "Gen X 67%; Gen Z 33%"
