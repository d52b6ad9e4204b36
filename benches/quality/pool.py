#!/usr/bin/python3
"""Print the pool of candidate § for a need of queries.tsv, for judging.

  /usr/bin/python3 benches/quality/pool.py PARAGRAPHS.ndjson ID [ID...]

PARAGRAPHS.ndjson is `paragraf parse --ndjson` of the corpus (benches/quality/run
leaves it in target/quality/paragraphs.ndjson). The pool of a need is the union of
  g<i>  § whose title, case number or text matches regular expression i of the need,
  B<r>  rank r in plain BM25 (evaluate.py's) for the query as typed (B'<r>: for the
        reformulations), top 20,
  X<r>  rank r in Xapian, Swedish stemmer, OR (X'<r>: reformulations), top 20,
  A<r>  rank r in Xapian, Swedish stemmer, AND, top 20,
  S     top 20 of a BM25 where each query word (å, ä, ö folded, question and function
        words dropped) matches every word that contains it or is within edit
        distance 1 (2 for words of 8 letters or more) of it,
optionally restricted to § whose protocol matches a file filter. It never runs
`paragraf search`: the judgments must not depend on what paragraf returns. Each
line shows the § (file and number), the methods that found it, the title, and the
first regex match outside the title; a T marks a § whose decision is only to
table the matter ("bordläggs"). Judge every line by reading the § and record it
in qrels.tsv.
"""
import collections
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import PlainBM25, load_paragraphs  # noqa: E402

# id -> (regular expressions, reformulations in the documents' words, file filter)
SPEC = {
    'topic-politikerlon': (['arvode', 'förtroendevald.{0,40}(ersättning|lön)'], ['arvoden förtroendevalda uppräkning'], None),
    'topic-hemlosa': (['hemlös', 'bostad först', 'bostadslös'], ['plan mot hemlöshet'], None),
    'topic-skjutningar': (['skjutning', 'skottloss', 'skjutvapen', 'detektering'], ['detekteringssystem skjutningar'], None),
    'topic-mobilfri': (['mobil', 'skärmtid'], ['mobilfri grundskola'], None),
    'topic-djurpark': (['djurpark', 'slottsskog'], ['avveckla djurparken'], None),
    'topic-ai': (['\\bAI\\b', 'artificiell', 'ChatGPT', 'algoritm'], ['AI-funktioner automatisera'], None),
    'topic-nattliv': (['nattklubb', 'nöjesliv', 'livescen', '\\bkrog', 'nattliv', 'nöjes', 'serveringstillst', 'alkoholservering'], ['strategi för nattklubbar och livescener'], None),
    'topic-lonegap': (['lönesk', 'löneskillnad', 'kvinnodominer', 'jämställd.{0,30}lön', 'lika lön', 'låglöne', 'kvinno- och mans', 'baserat på kön', 'lönekompensation'], ['löneskillnader arbetsvärdering BAS'], None),
    'topic-vildsvin': (['vildsvin', 'viltförvaltning', '\\bvilt'], ['vildsvinspopulationen'], None),
    'topic-atervandring': (['återvandr', 'remigr'], ['återvandringsbidrag'], None),
    'topic-karnkraft': (['kärnkraft', 'kärnkraftverk', 'reaktor'], ['ny kärnkraft kusten'], None),
    'infl-kallbadhus': (['kallbad'], ['kallbadhus'], None),
    'infl-simhallar': (['simhall', 'badhus', 'centralbad', 'valhallabad', 'hammarbad', '\\bbad\\b'], ['simhall'], None),
    'infl-vindkraft': (['vindkraft', 'vindpark', 'Västvind'], ['vindkraftverk'], None),
    'infl-fardtjanst': (['färdtjänst', 'serviceres'], ['färdtjänstresor'], None),
    'infl-hundrastgard': (['hundrast', '\\bhund'], ['hundrastgård'], None),
    'infl-gagata': (['gågat', 'bilfri'], ['gågata'], None),
    'infl-elsparkcykel': (['elspark', 'sparkcyk', 'delningsekonomi'], ['elsparkcyklar'], None),
    'infl-barngrupper': (['barngrupp'], ['barngruppernas storlek förskolan'], None),
    'infl-bokmassa': (['bokmäss'], ['Bokmässan'], None),
    'infl-studentbostad': (['studentbost'], ['studentbostäder'], None),
    'infl-trygghetskamera': (['kamera', 'skolgård', 'trygghetskamer'], ['trygghetskameror på skolgårdar'], None),
    'phr-vald-nara': (['våld i nära relation'], ['våld i nära relationer'], None),
    'phr-kravbok': (['krav- och kvalitetsbok', 'kvalitetsbok'], ['krav och kvalitetsbok'], None),
    'phr-hedersvald': (['heder'], ['hedersrelaterat våld'], None),
    'phr-tre-stiftelser': (['Tre Stiftelser', 'Ålderdomshemmet', 'Göteborgs sjukhem', 'Otium'], ['Tre Stiftelser äldreboende'], None),
    'phr-pilotomrade-cykel': (['pilotområde', 'pilotomr'], ['Pilotområde Cykel parkeringar'], None),
    'phr-psykisk-halsa': (['första hjälpen', 'psykisk hälsa'], ['utbildningar i första hjälpen till psykisk hälsa'], None),
    'phr-civil-beredskap': (['civil beredskap', 'civila försvar', 'beredskapspolicy', 'höjd beredskap'], ['plan för arbetet med civil beredskap'], None),
    'phr-ordningsforeskrifter': (['ordningsföreskrift'], ['lokala ordningsföreskrifter länsstyrelsen'], None),
    'phr-lov-aldreboende': (['\\bLOV\\b', 'valfrihet'], ['lagen om valfrihet LOV inom vård- och omsorgsboenden'], None),
    'phr-vastsvenska-paketet': (['västsvenska paket'], ['Västsvenska paketet'], None),
    'phr-primarvard': (['primärvård'], ['primärvård uppdrag'], None),
    'party-v-antisemitism': (['antisemit'], ['yrkande V antisemitism'], None),
    'party-sd-lustgas': (['lustgas'], ['SD lustgas'], None),
    'party-d-vastlanken': (['Västlänk'], ['yrkande D Västlänken'], None),
    'party-kd-skargard': (['skärgård', 'Brännö', 'Styrsö', 'Vrångö', 'Donsö', 'ö-dialog'], ['KD skärgårdssamordnare'], None),
    'party-fi-motioner': (['\\(FI\\)', '\\(Fi\\)', 'feministiskt initiativ'], ['FI motion'], None),
    'party-c-bad': (['friluftsbad', 'badplats', 'badförbud', '\\bbad\\b'], ['C friluftsbad Sannegårdshamnen'], None),
    'party-mp-kemikalier': (['kemikal', 'giftfri'], ['MP kemikaliecentrum'], None),
    'party-m-parkering': (['parkering', 'p-avgift', 'boendeparkering'], ['M avgift parkering'], None),
    'person-attenius-jav': (['Attenius.{0,80}jäv', 'jäv.{0,200}Attenius', 'Jäv\\s+Ledamöterna[^.]*Attenius'], ['Attenius anmäler jäv'], None),
    'person-darvik-skola': (['Interpellation av Axel Darvik', 'Darvik \\(L\\)[^\\n]{0,40}(fråga|interpellation)[\\s\\S]{0,300}(skol|elev|lärare|betyg)'], ['interpellation Axel Darvik grundskolenämndens ordförande'], None),
    'party-l-nattag': (['nattåg'], ['L nattågslinjer'], None),
    'case-slk-ai': (['SLK-2023-00763', '2023.?763'], [], None),
    'case-0901-22': (['0901/22', '\\b901/22'], [], None),
    'case-23rs11979': (['23RS11979', '11979'], [], None),
    'case-slk-1131': (['SLK-2023-01131', '2023.?01131', '2023.?1131'], [], None),
    'case-25rs68': (['25RS68\\b', '25 ?RS ?68\\b'], [], None),
    'case-dnr-1205': (['SLK-2024-01205', '2024.?0?1205'], [], None),
    'case-0098-22': (['0098/22', 'Odinsskol'], [], None),
    'case-slk24-762': (['SLK-2024-00762', '2024.?0?0762'], [], None),
    'case-25rs612': (['25RS612', '612'], [], None),
    'case-2023-1065': (['SLK-2023-01065', '2023.?0?1065'], [], None),
    'case-slk-2024-00125': (['SLK-2024-00125', '2024.?0?0125'], [], None),
    'typo-kvalitetbok': (['kvalitetsbok'], ['kvalitetsbok hälsoval'], None),
    'typo-trollangs': (['Trolläng'], ['Trollängsskolan'], None),
    'typo-antisemetism': (['antisemit', 'judisk|judar\\b|förintelse'], ['antisemitism'], None),
    'typo-aldreomsorg': (['veteran'], ['veteraner äldreomsorgen'], None),
    'typo-vastlanken': (['Västlänk'], ['Västlänken kostnader'], None),
    'typo-slottskogen': (['djurpark', 'slottsskog'], ['Slottsskogen djurpark'], None),
    'typo-skargardsamordnare': (['skärgårdssamord', 'skärgård'], ['skärgårdssamordnare'], None),
    'typo-liseberg': (['Liseberg'], ['Liseberg kapitaltillskott'], None),
    'typo-rosenlund': (['Rosenlundsverk'], ['Rosenlundsverket avveckling'], None),
    'typo-valhalla': (['Valhalla'], ['Valhallabadet'], None),
    'typo-hemloshet': (['hemlös'], ['plan mot hemlöshet'], None),
    'date-ks-mars24-budget': (['budget'], ['budget'], 'kommunstyrelsen_2024-03'),
    'date-kf-juni23-motioner': (['^Motion'], ['motion'], 'kommunfullmaktige_2023-06'),
    'date-ks-dec24-lokal': (['lokalförsörjningsplan', 'lokalbehovsplan'], ['lokalförsörjningsplan'], None),
    'date-kf-2025-detaljplan': (['detaljplan'], ['detaljplan'], None),
    'date-vardval-maj25': (['.'], [], 'region-vasternorrland'),
    'date-kf-okt24-antisemitism': (['antisemit'], ['antisemitism'], None),
    'date-ks-2026-vastlanken': (['Västlänk'], ['Västlänken'], None),
    'date-rs-au-dec23': (['.'], [], 'region-orebro'),
    'date-kf-jan26-interpellation': (['^Interpellation', 'interpellation'], ['interpellation'], 'kommunfullmaktige_2026-01'),
    'date-ks-nov24-sd': (['SD'], ['yrkande SD'], 'kommunstyrelsen_2024-11-20'),
    'date-2024-arvoden': (['arvode'], ['arvoden förtroendevalda'], None),
    'q-gardsten-kostnad': (['Gårdstensskol'], ['Gårdstensskolan genomförandebeslut'], None),
    'q-vastvind': (['Västvind', 'vindkraftpark', 'West Wind'], ['Västvind vindkraftparken'], None),
    'q-rosenlund': (['Rosenlundsverk'], ['avveckling av Rosenlundsverket'], None),
    'q-chatgpt': (['ChatGPT', '\\bAI\\b', 'generativ'], ['ChatGPT dataskyddsombudet'], None),
    'q-vataxa': (['va-taxa', 'vatten- och avloppstaxa', 'VA-taxa', 'avgifter för vatten och avlopp'], ['vatten- och avloppstaxa'], None),
    'q-forskola-arbetslos': (['arbetssökande', 'arbetslös', 'föräldraledig'], ['förskola arbetssökande föräldralediga 30 timmar'], None),
    'q-ersattare-antal': (['antal ersättare'], ['antal ersättare kommunfullmäktige'], None),
    'q-karlastaden': (['Karlastad'], ['Karlastaden affär'], None),
    'q-primarvard-vnl': (['primärvård'], ['uppdrag primärvård 2026'], None),
    'q-lustgas': (['lustgas'], ['lustgas'], None),
    'q-rattor': (['råtta', 'råttor', 'skadedjur'], ['råttor'], None),
    'syn-simhall-or-badhus': (['simhall', 'badhus', 'centralbad', '\\w+badet\\b'], ['simhall badhus'], None),
    'syn-vastlanken-not-haga': (['Västlänk'], ['Västlänken'], None),
    'syn-detaljplan-askim': (['Askim'], ['detaljplan Askim'], None),
    'syn-title-hemtjanst': (['hemtjänst'], ['hemtjänst'], None),
    'syn-vindkraft-star': (['vindkraft', 'vindpark'], ['vindkraft vindkraftverk vindkraftparken'], None),
    'syn-skola-and-trygghet': (['trygg.{0,80}skol', 'skol.{0,80}trygg', 'studiero', 'säkerhet.{0,40}skol', 'skolor mot brott|hot mot personal|våld i skolan|polisanmäler elever|skolskjutning'], ['trygghet skola'], None),
    'syn-lustgas-or-narkotika': (['lustgas', 'narkotika', '\\bdroger', 'knark'], ['lustgas narkotika'], None),
    'syn-kulturkalas-star': (['kulturkalas'], ['Kulturkalaset'], None),
    'syn-budget-and-forskola': (['förskol'], ['budget förskola'], None),
    'syn-bostad-minus': (['studentbost'], ['studentbostäder'], None),
    'syn-title-arvoden': (['arvode'], ['arvoden'], None),
}


class XapianPool:
    def __init__(self, docs):
        import xapian
        self.x = xapian
        self.docs = docs
        self.db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("swedish"))
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        for i, d in enumerate(docs):
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"], 3)
            tg.increase_termpos()
            tg.index_text(d["case"])
            tg.increase_termpos()
            tg.index_text(d["body"])
            doc.set_data(str(i))
            self.db.add_document(doc)

    def search(self, q, k, op_or):
        x = self.x
        qp = x.QueryParser()
        qp.set_stemmer(x.Stem("swedish"))
        qp.set_stemming_strategy(x.QueryParser.STEM_SOME)
        qp.set_database(self.db)
        qp.set_default_op(x.Query.OP_OR if op_or else x.Query.OP_AND)
        flags = qp.FLAG_PHRASE | qp.FLAG_BOOLEAN | qp.FLAG_LOVEHATE | qp.FLAG_WILDCARD
        try:
            query = qp.parse_query(q, flags)
        except x.QueryParserError:
            query = qp.parse_query(q, 0)
        e = x.Enquire(self.db)
        e.set_query(query)
        return [int(m.document.get_data()) for m in e.get_mset(0, k)]


class FoldedFuzzy:
    """BM25 over folded words; a query word matches the words containing it and its near spellings."""
    FOLD = str.maketrans("åäöéü", "aaoeu")
    STOP = set("och i på om av till för att en ett den det de som med är var vad hur när vem vilka "
               "vilken varför får ska kan mycket kostar gör staden kommunen and or not title".split())

    def __init__(self, docs):
        self.toks = []
        self.vocab = set()
        for d in docs:
            c = collections.Counter(re.findall(r"\w+", self.fold(f"{d['title']} {d['case']} {d['body']}")))
            self.toks.append(c)
            self.vocab |= set(c)
        self.lens = [sum(c.values()) for c in self.toks]
        self.avg = sum(self.lens) / len(self.lens)

    def fold(self, s):
        return s.lower().translate(self.FOLD)

    @staticmethod
    def lev(a, b, maxd):
        if abs(len(a) - len(b)) > maxd:
            return maxd + 1
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            if min(cur) > maxd:
                return maxd + 1
            prev = cur
        return prev[-1]

    def expand(self, w):
        out = {v for v in self.vocab if w in v}
        if len(w) >= 5:
            md = 1 if len(w) < 8 else 2
            out |= {v for v in self.vocab if abs(len(v) - len(w)) <= md and self.lev(w, v, md) <= md}
        return out

    def search(self, q, k=20):
        words = [w.rstrip("*") for w in re.findall(r"\w+", self.fold(q)) if w not in self.STOP and len(w) >= 3]
        n = len(self.toks)
        scores = collections.defaultdict(float)
        for w in set(words):
            ex = self.expand(w)
            if not ex:
                continue
            df = sum(1 for c in self.toks if any(v in c for v in ex))
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for i, c in enumerate(self.toks):
                tf = sum(c[v] for v in ex if v in c)
                if tf:
                    scores[i] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * self.lens[i] / self.avg))
        return [i for i, _ in sorted(scores.items(), key=lambda x: -x[1])[:k]]


def read_queries(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        out[c[0]] = c
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    docs = load_paragraphs(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    queries = read_queries(os.path.join(here, "queries.tsv"))
    bm, xp, ff_ = PlainBM25(docs), XapianPool(docs), FoldedFuzzy(docs)
    index = {d["key"]: i for i, d in enumerate(docs)}
    text = [f"{d['title']}\n{d['case']}\n{d['body']}" for d in docs]
    for qid in sys.argv[2:]:
        if qid not in SPEC or qid not in queries:
            sys.exit(f"unknown need {qid!r}")
        rxs, alts, ff = SPEC[qid]
        query = queries[qid][3]
        cand = {}
        for j, rx in enumerate(rxs):
            r = re.compile(rx, re.I | re.M)
            for i, d in enumerate(docs):
                if ff and not re.search(ff, d["key"][0]):
                    continue
                if r.search(text[i]):
                    cand.setdefault(i, []).append(f"g{j}")
        for q, t in [(query, "")] + [(a, "'") for a in alts]:
            for r_, key in enumerate(bm.search(q, 20)[0]):
                cand.setdefault(index[key], []).append(f"B{t}{r_ + 1}")
            for r_, i in enumerate(xp.search(q, 20, True)):
                cand.setdefault(i, []).append(f"X{t}{r_ + 1}")
        for r_, i in enumerate(xp.search(query, 20, False)):
            cand.setdefault(i, []).append(f"A{r_ + 1}")
        for i in ff_.search(query):
            cand.setdefault(i, []).append("S")
        print(f"##### {qid} {query!r}: {queries[qid][4]} ({len(cand)} candidates)")
        res = [re.compile(rx, re.I | re.M) for rx in rxs]
        for i in sorted(cand, key=lambda i: docs[i]["key"]):
            d = docs[i]
            tabled = "T" if re.match(r"\s*Beslut\s*(På förslag av[^:]*:\s*)?(Ärendet|Motionen|Interpellationen|Frågan)? ?bordläggs", d["body"]) else " "
            ex = ""
            for r in res:
                m = r.search(text[i])
                if m and m.start() > len(d["title"]) + len(d["case"]) + 2:
                    s = max(0, m.start() - 50)
                    ex = "  «" + text[i][s:m.end() + 50].replace("\n", " ") + "»"
                    break
            print(f"{d['key'][0]} § {d['key'][1]} {tabled} {','.join(cand[i])[:24]:24} {d['title'][:100]}{ex}")


if __name__ == "__main__":
    main()
