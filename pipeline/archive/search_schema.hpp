// The register's search structures (schema version 3): the §§ (paragraphs) and their FTS5 index,
// both keyed by a search key in meeting-date order, so that a search reads the newest matches
// first and stops at its limit instead of ranking and sorting every match. The index is an
// external-content FTS5 table over paragraphs: the § texts are stored once (version 2 kept a
// second copy in the FTS5 table's own content table, 28-33 % of a register).
//
// Key of a § (the rowid of its row in paragraphs and in paragraph_search):
//   bits 40..55  the meeting date: days since 1970-01-01 (0 for a date before it or unreadable,
//                at most 65535: the year 2149)
//   bits 28..39  the organ's code (organs.code; 4095 is shared by every organ past 4094)
//   bits 14..27  the package's slot, counted up from 0 for each (date, organ)
//   bits  0..13  the §'s place in its package, counted up from 0 as they are registered
// In descending rowid order (newest first) the document archived last comes first, its §§ from
// the last. A § is keyed from its package's row in package_search (key = the package's key | place,
// no query of the FTS5 table, which would flush its pending terms); past 16,384 §§ in a document or
// 16,384 documents of one date and organ, keys are taken beyond all others (those sort first).
// package_search holds one row per package under its key (place bits 0), with what a search
// without TEXT shows and filters on: objid, organ, date, kind, its signers' codes (",3,17,": signers.code) and the span and count of its § numbers.
// Triggers keep it: on packages (the row), signatures (the codes) and the §§ view (the numbers).
// Writers (ingest, merge) insert §§ only into the view paragraphs_fts(title, text, version, number),
// as in schema versions 1 and 2; its INSTEAD OF trigger writes the row of paragraphs under its key,
// taken from its package's row, which must be there first (it is: one transaction writes document,
// version, package, signatures, then §§; a § without one gets a key beyond all others), and
// indexes it. A second § with the same (version, number) is ignored, in paragraphs and index alike.
// The trigger is kept small: it is compiled again each time a writer prepares its INSERT.
#pragma once

#include <string>

struct sqlite3;

namespace kansli::archive {

/// The DDL of the search structures (a part of the register's schema).
const std::string& search_schema();

/// Upgrades a register of schema version `from` ("1": an FTS5 table paragraphs_fts with
/// insertion-order rowids; "2": paragraph_search holding a second copy of the § texts) to version 3
/// inside the caller's transaction: the §§ of its paragraphs table are registered again under
/// their keys, the package rows, organ and signer codes derived again in the order of registration.
void migrate_search_schema(sqlite3* db, const std::string& from);

/// Key layout (see above), shared by the trigger and search.
constexpr int kKeyDateShift = 40;
constexpr int kKeyOrganShift = 28;
constexpr long long kKeyOrganMask = 4095;
constexpr long long kKeySlotMask = (1LL << 28) - 1;

}  // namespace kansli::archive
