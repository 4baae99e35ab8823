// The cross-reference tables of the revisions a verification compares, each read from qpdf once.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <map>

namespace kansli::verify {

/// A revision's cross-reference table: object → entry (QPDF::getXRefTable()).
using XRefTable = std::map<QPDFObjGen, QPDFXRefEntry>;

/// QPDF::getXRefTable() returns a copy of qpdf's map, and the checks of one signed document asked
/// for about twenty (the reader's object-stream scan, coverage, each comparer and each object-level
/// rule, per revision): 1.4 % of an archive ingest's instructions, and as many trees allocated and
/// freed. This keeps one copy per revision. Keyed by the QPDF's address: every QPDF asked about
/// must outlive this object or be forget()-ten before it goes (Revisions owns both).
class XRefTables {
public:
    /// The table of `q`, read on first use.
    const XRefTable& of(QPDF& q) {
        auto it = m_tables.find(&q);
        if (it == m_tables.end()) it = m_tables.emplace(&q, q.getXRefTable()).first;
        return it->second;
    }
    /// Keeps `table`, already read from `q`.
    const XRefTable& put(QPDF& q, XRefTable table) {
        return m_tables.insert_or_assign(&q, std::move(table)).first->second;
    }
    /// Drops the table of `q` (before `q` is destroyed or handed over).
    void forget(const QPDF& q) { m_tables.erase(&q); }

private:
    std::map<const QPDF*, XRefTable> m_tables;
};

}  // namespace kansli::verify
