//! Swedish question and function words: in a query they carry no topic
//! ("hur mycket kostar …", "vem beslutade om …", "vad gäller för …"), so a
//! § need not have them. The search drops them from the words a § must
//! match and says so. In a quoted phrase they stay.
//!
//! The list is the closed classes of Swedish (pronouns, prepositions,
//! conjunctions, question words, auxiliaries and modal verbs: "får",
//! "vill", "bör"; a few adverbs) plus the verbs and words a question wraps
//! a topic in ("finns", "gäller", "angående", "tyckte").
//! Nouns and content verbs never are: "beslut", "budget" and "kostar" are
//! content, however common (very common words are ranked, not required:
//! see `search::understand`).

/// Whether `word` (lowercase, as typed) is a question or function word.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// Sorted (a unit test checks), lowercase.
const FUNCTION_WORDS: &[&str] = &[
    "alla",
    "allt",
    "andra",
    "angående",
    "annan",
    "annat",
    "att",
    "av",
    "bara",
    "beträffande",
    "blev",
    "bli",
    "blir",
    "blivit",
    "borde",
    "brukar",
    "både",
    "bör",
    "de",
    "dem",
    "den",
    "denna",
    "deras",
    "dess",
    "dessa",
    "det",
    "detta",
    "dig",
    "din",
    "ditt",
    "dock",
    "du",
    "där",
    "då",
    "efter",
    "egentligen",
    "eller",
    "en",
    "er",
    "ett",
    "fanns",
    "fick",
    "finns",
    "fortfarande",
    "från",
    "får",
    "fått",
    "för",
    "gjorde",
    "gjort",
    "gjorts",
    "gällande",
    "gäller",
    "gör",
    "göra",
    "ha",
    "hade",
    "han",
    "hans",
    "har",
    "hen",
    "henne",
    "hennes",
    "honom",
    "hur",
    "här",
    "i",
    "ibland",
    "igen",
    "in",
    "inom",
    "inte",
    "jag",
    "ju",
    "just",
    "kan",
    "kommer",
    "kring",
    "kunde",
    "kunna",
    "kunnat",
    "man",
    "med",
    "mellan",
    "men",
    "mig",
    "min",
    "mitt",
    "mot",
    "mycket",
    "många",
    "måste",
    "ni",
    "nog",
    "nu",
    "när",
    "någon",
    "något",
    "några",
    "och",
    "också",
    "om",
    "oss",
    "på",
    "redan",
    "rörande",
    "samt",
    "sedan",
    "sig",
    "sin",
    "sina",
    "sitt",
    "ska",
    "skall",
    "skulle",
    "som",
    "så",
    "till",
    "tillsammans",
    "tycker",
    "tyckte",
    "under",
    "ut",
    "utan",
    "vad",
    "var",
    "vara",
    "varför",
    "varit",
    "varje",
    "vart",
    "velat",
    "vem",
    "vems",
    "verkar",
    "vi",
    "vid",
    "vilka",
    "vilken",
    "vilket",
    "vill",
    "ville",
    "vore",
    "vår",
    "våra",
    "vårt",
    "än",
    "ännu",
    "är",
    "även",
    "åt",
    "över",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, FUNCTION_WORDS);
    }

    #[test]
    fn question_words_are_function_words_and_topics_are_not() {
        for w in ["hur", "mycket", "vem", "vad", "när", "varför", "om", "och"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["kostar", "beslut", "budget", "simhallen", "nya", "skola"] {
            assert!(!is_function_word(w), "{w}");
        }
    }
}
