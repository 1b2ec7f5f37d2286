"""The reason table (names, English and Chinese summaries) equals the server's gcc/decision/reasons.tsv."""

import os
import unittest

from gcc_gate import reasons as r

TSV = os.path.join(os.path.dirname(__file__), "..", "..", "..", "core", "src", "main", "resources", "gcc", "decision",
                   "reasons.tsv")


class ReasonTableTest(unittest.TestCase):
    def test_matches_the_servers_table(self):
        if not os.path.exists(TSV):
            self.skipTest("not in the source tree: " + TSV)
        with open(TSV, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
        self.assertEqual({name: (en, zh) for name, en, zh in rows},
                         {r.NAMES[code]: texts for code, texts in r.SUMMARIES.items()})
        self.assertEqual(set(r.NAMES), set(r.SUMMARIES))

    def test_unknown_code_is_named_in_both_languages(self):
        self.assertEqual("reason 60", r.summary(60))
        self.assertEqual("原因 60", r.summary(60, "zh"))
