// Package ofac reads the publications of the US Treasury's Office of
// Foreign Assets Control into tripline datasets:
//
//   - the classic CSV sets, SDN (sdn.csv, add.csv, alt.csv,
//     sdn_comments.csv; source "ofac-sdn") and non-SDN consolidated
//     (cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv;
//     source "ofac-cons"), by ReadCSV;
//   - the Enhanced XML publications (CONS_ENHANCED.XML or .ZIP, source
//     "ofac-cons-enhanced"; SDN_ENHANCED, source "ofac-sdn-enhanced"), by
//     ReadEnhanced.
//
// DetectCSV and DetectEnhanced recognise the files for package ingest.
//
// The CSV files are headerless and joined on ent_num. Most of what OFAC
// knows about a party sits in the free-text Remarks column, a
// ";"-separated bag of typed facts ("DOB 10 Dec 1948; nationality Iran;
// Passport A123 (Iran); Linked To: X."); ParseRemarks turns it into typed
// entity fields. "Linked To:" gives a name, not an id; ReadCSV sets the
// link's TargetID when the name is the primary name of exactly one entry
// of the same set. The Enhanced XML carries the same facts as typed
// elements, with relationship targets given by id.
package ofac
