// The register's search structures (schema version 2): the FTS5 index of §§ whose rowid is a
// search key in meeting-date order, so that a search reads the newest matches first and stops at
// its limit instead of ranking and sorting every match.
//
// Key of a § (a positive 64-bit rowid of paragraph_search):
//   bits 40..55  the meeting date: days since 1970-01-01 (0 for a date before it or unreadable,
//                at most 65535: the year 2149)
//   bits 28..39  the organ's code (organs.code; 4095 is shared by every organ past 4094)
//   bits  0..27  a slot, counted down from 2^28 - 1 for each (date, organ): in descending rowid
//                order the document archived first comes first and its §§ in their order
// package_search holds one row per package under a key of the same layout (slots counted per
// date and organ as for §§), with what a search without TEXT shows and filters on: objid, organ,
// date, kind, its signers' codes (",3,17,": signers.code) and the span and count of its § numbers.
// Triggers keep it: on packages (the row), signatures (the codes) and the §§ view (the numbers).
// Writers (ingest, merge) insert into the view paragraphs_fts(title, text, version, number), as in
// schema version 1; its INSTEAD OF trigger gives the row its key. The document and version rows
// must be there first (they are: one transaction writes documents, versions, then §§).
#pragma once

#include <string>

struct sqlite3;

namespace kansli::archive {

/// The DDL of the search structures (a part of the register's schema).
const std::string& search_schema();

/// Upgrades a schema version 1 register (an FTS5 table paragraphs_fts with insertion-order rowids)
/// to version 2 inside the caller's transaction: the §§ are indexed again under their keys.
void migrate_search_schema_v1(sqlite3* db);

/// Key layout (see above), shared by the trigger and search.
constexpr int kKeyDateShift = 40;
constexpr int kKeyOrganShift = 28;
constexpr long long kKeyOrganMask = 4095;
constexpr long long kKeySlotMask = (1LL << 28) - 1;

}  // namespace kansli::archive
