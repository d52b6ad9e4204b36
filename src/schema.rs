//! The index layout, loaded from `index-schema/schema.toml` (embedded at
//! build time) and turned into a tantivy schema. The code refers to fields
//! only through [`Fields`], which is filled by name from the file; a unit test
//! fails if the two disagree.

use crate::analysis;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

/// The schema file, as embedded.
pub const SCHEMA_TOML: &str = include_str!("../index-schema/schema.toml");

/// Type of a field in the schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Analysed text.
    Text,
    /// One raw term.
    String,
    /// Unsigned integer.
    U64,
    /// Hierarchical facet.
    Facet,
    /// Stored only.
    Stored,
}

/// One field of the schema file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Field name.
    pub name: String,
    /// Field type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Analyzer of a text field.
    pub analyzer: Option<String>,
    /// Indexed (for string and u64 fields; text and facet fields always are).
    #[serde(default)]
    pub indexed: bool,
    /// Stored.
    #[serde(default)]
    pub stored: bool,
    /// Fast (columnar) field.
    #[serde(default)]
    pub fast: bool,
    /// Ranking weight of a text field.
    #[serde(default = "one")]
    pub boost: f32,
    /// Looked up by bare query words.
    #[serde(default)]
    pub search: bool,
    /// Name in `field:value` queries.
    pub query_name: Option<String>,
}

fn one() -> f32 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    version: u32,
    #[serde(default)]
    opens: Vec<u32>,
    analyzers: BTreeMap<String, AnalyzerSpec>,
    fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzerSpec {
    #[allow(dead_code)]
    description: String,
}

/// The fields the code uses, by role.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// "paragraph", "meeting" or "file".
    pub kind: Field,
    /// Protocol file of paragraph and meeting documents.
    pub source: Field,
    /// Protocol file of file-state documents.
    pub file_path: Field,
    /// Meeting identifier.
    pub meeting_id: Field,
    /// § number.
    pub number: Field,
    /// Meeting date as YYYYMMDD.
    pub date: Field,
    /// Title.
    pub title: Field,
    /// Decision clauses.
    pub clauses: Field,
    /// Body.
    pub body: Field,
    /// Case number.
    pub case: Field,
    /// Organ.
    pub organ: Field,
    /// Organisation.
    pub organisation: Field,
    /// People of the meeting: members, chair, secretary, adjusters.
    pub attended: Field,
    /// Parties present.
    pub party: Field,
    /// People named in the § (positions, roll calls, responsible,
    /// officer), as name keys (`analysis::person_name`).
    pub person: Field,
    /// Reservations: name keys and parties.
    pub reserved: Field,
    /// Motions: name keys and parties.
    pub moved: Field,
    /// Votes: "any", "close".
    pub vote: Field,
    /// Facets.
    pub facets: Field,
    /// Stored JSON record.
    pub record: Field,
}

/// The loaded schema: version, tantivy schema, fields and their specs.
#[derive(Debug, Clone)]
pub struct IndexSchema {
    /// Schema version from the file.
    pub version: u32,
    /// Older index versions this build opens as they are.
    pub opens: Vec<u32>,
    /// The tantivy schema.
    pub schema: Schema,
    /// Fields by role.
    pub fields: Fields,
    /// The field specs, in file order.
    pub specs: Vec<FieldSpec>,
    /// Names of the analyzers the file declares.
    pub analyzers: Vec<String>,
}

impl IndexSchema {
    /// Loads the embedded schema file.
    pub fn load() -> Result<IndexSchema> {
        Self::from_toml(SCHEMA_TOML)
    }

    /// Loads a schema from TOML text.
    pub fn from_toml(text: &str) -> Result<IndexSchema> {
        let file: SchemaFile = toml::from_str(text)
            .map_err(|e| Error::Internal(format!("index-schema/schema.toml: {e}")))?;
        let mut builder = Schema::builder();
        for f in &file.fields {
            match f.kind {
                FieldType::Text => {
                    let analyzer = f.analyzer.as_deref().ok_or_else(|| {
                        Error::Internal(format!("schema field {} has no analyzer", f.name))
                    })?;
                    if !file.analyzers.contains_key(analyzer) || analyzer != analysis::SWEDISH {
                        return Err(Error::Internal(format!(
                            "schema field {} names unknown analyzer {analyzer}",
                            f.name
                        )));
                    }
                    let mut opts = TextOptions::default().set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(analyzer)
                            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                    );
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    builder.add_text_field(&f.name, opts);
                }
                FieldType::String => {
                    let mut opts = if f.indexed {
                        STRING
                    } else {
                        TextOptions::default()
                    };
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    if f.fast {
                        opts = opts.set_fast("raw");
                    }
                    builder.add_text_field(&f.name, opts);
                }
                FieldType::U64 => {
                    let mut opts = NumericOptions::default();
                    if f.indexed {
                        opts = opts.set_indexed();
                    }
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    if f.fast {
                        opts = opts.set_fast();
                    }
                    builder.add_u64_field(&f.name, opts);
                }
                FieldType::Facet => {
                    builder.add_facet_field(&f.name, FacetOptions::default());
                }
                FieldType::Stored => {
                    builder.add_text_field(&f.name, TextOptions::default().set_stored());
                }
            }
        }
        let schema = builder.build();
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| {
                Error::Internal(format!("index-schema/schema.toml lacks the field {name}"))
            })
        };
        let fields = Fields {
            kind: get("kind")?,
            source: get("source")?,
            file_path: get("file_path")?,
            meeting_id: get("meeting_id")?,
            number: get("number")?,
            date: get("date")?,
            title: get("title")?,
            clauses: get("clauses")?,
            body: get("body")?,
            case: get("case")?,
            organ: get("organ")?,
            organisation: get("organisation")?,
            attended: get("attended")?,
            party: get("party")?,
            person: get("person")?,
            reserved: get("reserved")?,
            moved: get("moved")?,
            vote: get("vote")?,
            facets: get("facets")?,
            record: get("record")?,
        };
        Ok(IndexSchema {
            version: file.version,
            opens: file.opens,
            schema,
            fields,
            specs: file.fields,
            analyzers: file.analyzers.into_keys().collect(),
        })
    }

    fn spec_of(&self, field: Field) -> &FieldSpec {
        let name = self.schema.get_field_name(field);
        self.specs
            .iter()
            .find(|s| s.name == name)
            .expect("every schema field has a spec")
    }

    /// The fields bare query words are looked up in, with their boosts.
    pub fn search_fields(&self) -> Vec<(Field, f32)> {
        self.specs
            .iter()
            .filter(|s| s.search)
            .filter_map(|s| self.schema.get_field(&s.name).ok().map(|f| (f, s.boost)))
            .collect()
    }

    /// The field named `name` in `field:value` queries, with its boost.
    pub fn query_field(&self, name: &str) -> Option<(Field, f32)> {
        let spec = self
            .specs
            .iter()
            .find(|s| s.query_name.as_deref() == Some(name))?;
        Some((self.schema.get_field(&spec.name).ok()?, spec.boost))
    }

    /// Names of the analysed (text) fields, in the schema's order.
    pub fn analysed_fields(&self) -> Vec<&str> {
        self.specs
            .iter()
            .filter(|s| s.kind == FieldType::Text)
            .map(|s| s.name.as_str())
            .collect()
    }

    /// Names usable in `field:value` queries.
    pub fn query_names(&self) -> Vec<&str> {
        self.specs
            .iter()
            .filter_map(|s| s.query_name.as_deref())
            .collect()
    }

    /// An OpenSearch / Elasticsearch index body (settings and mappings) with
    /// the same fields, so that the NDJSON export (`Index::export_ndjson`)
    /// can be bulk-loaded into a cluster. Each analyzer of the schema becomes
    /// a custom analyzer of the same name: standard tokenizer, lowercase,
    /// Swedish stop words, Swedish stemmer. Text fields use it; string and
    /// facet fields are keywords (facets as their paths, `/organ/…`); u64
    /// fields are longs; stored-only fields are objects kept in `_source`
    /// but not indexed. New fields are refused (`dynamic: strict`).
    pub fn opensearch_mapping(&self) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let mut analyzers = Map::new();
        for name in &self.analyzers {
            analyzers.insert(
                name.clone(),
                json!({
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "paragraf_swedish_stop", "paragraf_swedish_stemmer"]
                }),
            );
        }
        let mut properties = Map::new();
        for f in &self.specs {
            let mapping = match f.kind {
                FieldType::Text => json!({
                    "type": "text",
                    "analyzer": f.analyzer.as_deref().unwrap_or(analysis::SWEDISH),
                }),
                FieldType::String => json!({"type": "keyword", "index": f.indexed}),
                FieldType::U64 => json!({"type": "long", "index": f.indexed}),
                FieldType::Facet => json!({"type": "keyword"}),
                FieldType::Stored => json!({"type": "object", "enabled": false}),
            };
            properties.insert(f.name.clone(), mapping);
        }
        json!({
            "settings": {
                "analysis": {
                    "filter": {
                        "paragraf_swedish_stop": {"type": "stop", "stopwords": "_swedish_"},
                        "paragraf_swedish_stemmer": {"type": "stemmer", "language": "swedish"}
                    },
                    "analyzer": Value::Object(analyzers)
                }
            },
            "mappings": {
                "dynamic": "strict",
                "_meta": {"paragraf_schema_version": self.version},
                "properties": Value::Object(properties)
            }
        })
    }

    /// The ranking weight of a field.
    pub fn boost(&self, field: Field) -> f32 {
        self.spec_of(field).boost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields the code fills and reads, with the type it needs.
    const USED: &[(&str, FieldType)] = &[
        ("kind", FieldType::String),
        ("source", FieldType::String),
        ("file_path", FieldType::String),
        ("meeting_id", FieldType::String),
        ("number", FieldType::U64),
        ("date", FieldType::U64),
        ("title", FieldType::Text),
        ("clauses", FieldType::Text),
        ("body", FieldType::Text),
        ("case", FieldType::Text),
        ("organ", FieldType::Text),
        ("organisation", FieldType::Text),
        ("attended", FieldType::Text),
        ("party", FieldType::Text),
        ("person", FieldType::String),
        ("reserved", FieldType::String),
        ("moved", FieldType::String),
        ("vote", FieldType::String),
        ("facets", FieldType::Facet),
        ("record", FieldType::Stored),
    ];

    #[test]
    fn code_and_schema_file_agree() {
        let s = IndexSchema::load().unwrap();
        let in_file: Vec<(&str, FieldType)> =
            s.specs.iter().map(|f| (f.name.as_str(), f.kind)).collect();
        assert_eq!(
            in_file, USED,
            "index-schema/schema.toml and src/schema.rs disagree"
        );
        // Stored where the code reads them back.
        for name in [
            "source",
            "file_path",
            "meeting_id",
            "number",
            "date",
            "title",
            "body",
        ] {
            assert!(
                s.specs.iter().any(|f| f.name == name && f.stored),
                "{name} must be stored"
            );
        }
        for name in ["number", "date"] {
            assert!(
                s.specs.iter().any(|f| f.name == name && f.fast),
                "{name} must be fast"
            );
        }
        // Looked up by one raw term each.
        for name in ["kind", "person", "reserved", "moved", "vote"] {
            assert!(
                s.specs.iter().any(|f| f.name == name && f.indexed),
                "{name} must be indexed"
            );
        }
    }

    #[test]
    fn boosts_rank_title_over_clauses_over_body() {
        let s = IndexSchema::load().unwrap();
        let f = s.fields;
        assert!(s.boost(f.title) > s.boost(f.clauses));
        assert!(s.boost(f.clauses) > s.boost(f.body));
        assert_eq!(
            s.query_names(),
            [
                "title",
                "clause",
                "body",
                "case",
                "organ",
                "organisation",
                "attended",
                "party",
                "person",
                "reserved",
                "moved",
                "vote"
            ]
        );
    }

    #[test]
    fn a_field_the_code_needs_missing_is_an_error() {
        let broken = SCHEMA_TOML.replace("name = \"title\"", "name = \"rubrik\"");
        let e = IndexSchema::from_toml(&broken).unwrap_err();
        assert!(e.to_string().contains("title"), "{e}");
    }
}
