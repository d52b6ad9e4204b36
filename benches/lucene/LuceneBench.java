// Lucene 8 (Debian liblucene8-java) on the same § as paragraf, in process,
// no server: what Elasticsearch or OpenSearch would do with their Swedish
// analyzer, without the HTTP and JSON around it.
//
//   java LuceneBench index RECORDS DIR THREADS   -> one JSON line
//   java LuceneBench query DIR QUERIES.tsv ROUNDS -> one JSON line
//
// RECORDS is what benches/lucene_records.py makes of `paragraf parse
// --ndjson`: one § a record, fields title, body, organ, date (YYYYMMDD)
// separated by \u001f, records by \u001e. It is read whole before the clock
// starts, as the Xapian and bare-tantivy benchmarks do.
//
// Indexing: title and body as text with SwedishAnalyzer (lowercase, Swedish
// stop words, Snowball Swedish stemmer), both stored (the highlighter reads
// the body); organ as text for filters; the date as an IntPoint and stored.
// THREADS threads share one IndexWriter (256 MB RAM buffer); the time ends
// after commit and close (merges finished).
//
// Querying: the classic QueryParser over title^3 and body, every word
// required (AND), quoted phrases, -exclude, OR; words the analyzer splits
// (case numbers) as phrases. Filters (organ=, from=, to=) as FILTER clauses.
// Top 10 with one snippet of each body by the UnifiedHighlighter (it
// re-analyses the stored body, as paragraf's snippets do). Three warm-up
// rounds (the JIT compiles the hot paths), then ROUNDS timed rounds.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("index")) {
      index(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]));
    } else if (args.length == 4 && args[0].equals("query")) {
      query(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]));
    } else {
      System.err.println("usage: LuceneBench index RECORDS DIR THREADS | query DIR QUERIES.tsv ROUNDS");
      System.exit(2);
    }
  }

  static void index(Path records, Path dir, int threads) throws Exception {
    String all = new String(Files.readAllBytes(records), StandardCharsets.UTF_8);
    String[] recs = all.split("\u001e");
    List<String[]> docs = new ArrayList<>(recs.length);
    long textBytes = 0;
    for (String r : recs) {
      if (r.isEmpty()) continue;
      String[] f = r.split("\u001f", -1);
      if (f.length != 4) throw new IOException("bad record: " + f.length + " fields");
      docs.add(f);
      textBytes += f[0].getBytes(StandardCharsets.UTF_8).length + f[1].getBytes(StandardCharsets.UTF_8).length;
    }
    all = null;
    recs = null;
    Analyzer analyzer = new SwedishAnalyzer();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    cfg.setRAMBufferSizeMB(256);
    long start = System.nanoTime();
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(d, cfg)) {
      AtomicInteger next = new AtomicInteger();
      Thread[] ts = new Thread[threads];
      Exception[] failure = new Exception[1];
      for (int t = 0; t < threads; t++) {
        ts[t] = new Thread(() -> {
          try {
            for (int i = next.getAndIncrement(); i < docs.size(); i = next.getAndIncrement()) {
              String[] f = docs.get(i);
              Document doc = new Document();
              doc.add(new TextField("title", f[0], Field.Store.YES));
              doc.add(new TextField("body", f[1], Field.Store.YES));
              doc.add(new TextField("organ", f[2], Field.Store.NO));
              int date = f[3].isEmpty() ? 0 : Integer.parseInt(f[3]);
              doc.add(new IntPoint("date", date));
              doc.add(new StoredField("date", date));
              writer.addDocument(doc);
            }
          } catch (Exception e) {
            synchronized (failure) {
              failure[0] = e;
            }
          }
        });
        ts[t].start();
      }
      for (Thread t : ts) t.join();
      if (failure[0] != null) throw failure[0];
      writer.commit();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "{\"engine\":\"lucene\",\"version\":\"%s\",\"threads\":%d,\"docs\":%d,\"text_bytes\":%d,\"index_seconds\":%.3f,\"mb_per_s\":%.1f}%n",
        org.apache.lucene.util.Version.LATEST, threads, docs.size(), textBytes, secs, textBytes / 1e6 / secs);
  }

  /** One line of the query set: the query and its filters. */
  static final class Q {
    final String text;
    final Map<String, String> filters = new HashMap<>();

    Q(String text) {
      this.text = text;
    }
  }

  static List<Q> readQueries(Path path) throws IOException {
    List<Q> out = new ArrayList<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.trim().isEmpty()) continue;
      String[] cols = line.split("\t");
      Q q = new Q(cols[1]);
      if (cols.length > 2) {
        for (String kv : cols[2].trim().split("\\s+")) {
          if (kv.isEmpty()) continue;
          String[] p = kv.split("=", 2);
          q.filters.put(p[0], p.length > 1 ? p[1] : "");
        }
      }
      out.add(q);
    }
    return out;
  }

  static int dateBound(String v, boolean end) {
    if (v.length() == 4) return Integer.parseInt(v + (end ? "1231" : "0101"));
    return Integer.parseInt(v.replace("-", ""));
  }

  static void query(Path dir, Path queriesPath, int rounds) throws Exception {
    Analyzer analyzer = new SwedishAnalyzer();
    Map<String, Float> boosts = new HashMap<>();
    boosts.put("title", 3.0f);
    boosts.put("body", 1.0f);
    List<Query> queries = new ArrayList<>();
    for (Q q : readQueries(queriesPath)) {
      MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer, boosts);
      parser.setDefaultOperator(QueryParser.Operator.AND);
      parser.setSplitOnWhitespace(true);
      parser.setAutoGeneratePhraseQueries(true);
      // '/' starts a regular expression and ':' names a field in this
      // syntax; in the query set both are text (case numbers).
      Query user = parser.parse(q.text.replace("/", "\\/").replace(":", "\\:"));
      BooleanQuery.Builder b = new BooleanQuery.Builder().add(user, BooleanClause.Occur.MUST);
      if (q.filters.containsKey("organ")) {
        QueryParser op = new QueryParser("organ", analyzer);
        op.setDefaultOperator(QueryParser.Operator.AND);
        b.add(op.parse(QueryParser.escape(q.filters.get("organ"))), BooleanClause.Occur.FILTER);
      }
      if (q.filters.containsKey("from") || q.filters.containsKey("to")) {
        int lo = q.filters.containsKey("from") ? dateBound(q.filters.get("from"), false) : 0;
        int hi = q.filters.containsKey("to") ? dateBound(q.filters.get("to"), true) : Integer.MAX_VALUE;
        b.add(IntPoint.newRangeQuery("date", lo, hi), BooleanClause.Occur.FILTER);
      }
      queries.add(b.build());
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
      long hits = 0;
      for (int w = 0; w < 3; w++) {
        hits = 0;
        for (Query q : queries) hits += run(searcher, highlighter, q);
      }
      double[] lat = new double[queries.size() * rounds];
      int k = 0;
      for (int r = 0; r < rounds; r++) {
        for (Query q : queries) {
          long t = System.nanoTime();
          run(searcher, highlighter, q);
          lat[k++] = (System.nanoTime() - t) / 1e3;
        }
      }
      Arrays.sort(lat);
      double sum = 0;
      for (double v : lat) sum += v;
      System.out.printf(
          "{\"engine\":\"lucene\",\"queries\":%d,\"rounds\":%d,\"p50_us\":%.1f,\"p99_us\":%.1f,\"mean_us\":%.1f,\"hits\":%d,\"highlighter\":\"UnifiedHighlighter\"}%n",
          queries.size(), rounds, pct(lat, 0.5), pct(lat, 0.99), sum / lat.length, hits);
    }
  }

  static long run(IndexSearcher searcher, UnifiedHighlighter highlighter, Query q) throws IOException {
    TopDocs top = searcher.search(q, 10);
    if (top.scoreDocs.length > 0) {
      String[] snippets = highlighter.highlight("body", q, top, 1);
      if (snippets.length != top.scoreDocs.length) throw new IllegalStateException("snippets");
    }
    return top.totalHits.value;
  }

  static double pct(double[] sorted, double p) {
    int i = (int) Math.round((sorted.length - 1) * p);
    return sorted[Math.min(i, sorted.length - 1)];
  }
}
