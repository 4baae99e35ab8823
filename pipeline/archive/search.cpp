#include "archive/search.hpp"

#include "archive/register.hpp"
#include "archive/report.hpp"
#include "core/utf8.hpp"

namespace kansli::archive {

namespace {

/// Every word as an FTS5 string ("a" "b": all must occur), so no user text is FTS5 syntax.
std::string fts_query(const std::string& text) {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        out += (out.empty() ? "\"" : " \"");
        for (char c : word) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += "\"";
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

}  // namespace

std::vector<SearchHit> search(const std::string& archive_dir, const SearchQuery& q) {
    const Register reg = Register::open_read_only(archive_dir);
    const bool by_para = !q.text.empty() || q.paragraf;
    std::string sql;
    if (!q.text.empty()) {
        // The snippet is made for the hits kept, not for every match (see the outer query below).
        sql =
            "SELECT v.sha256, d.organ, d.date, d.kind, f.number, f.title, f.rowid "
            "FROM paragraphs_fts f CROSS JOIN versions v ON v.sha256 = f.version CROSS JOIN documents d ON d.id = "
            "v.document_id WHERE paragraphs_fts MATCH ?1";
    } else if (q.paragraf) {
        sql =
            "SELECT p.objid, d.organ, d.date, d.kind, f.number, f.title, '' FROM documents d "
            "CROSS JOIN versions v ON v.document_id = d.id CROSS JOIN paragraphs f ON f.version = v.sha256 "
            "JOIN packages p ON p.version = v.sha256 WHERE 1";
    } else {
        sql =
            "SELECT p.objid, d.organ, d.date, d.kind, 0, '', '' FROM documents d "
            "CROSS JOIN versions v ON v.document_id = d.id JOIN packages p ON p.version = v.sha256 WHERE 1";
    }
    if (!q.organ.empty()) sql += " AND d.organ = ?2";
    if (!q.from.empty()) sql += " AND d.date >= ?3";
    if (!q.to.empty()) sql += " AND d.date <= ?4";
    if (!q.signer.empty()) {
        sql += " AND EXISTS (SELECT 1 FROM signatures s WHERE s.version = v.sha256 AND instr(s.signer, ?5) > 0)";
    }
    if (q.paragraf) sql += " AND f.number = ?6";
    sql += by_para ? " ORDER BY d.date, d.organ, f.number" : " ORDER BY d.date, d.organ";
    sql += " LIMIT ?7";
    if (!q.text.empty()) {
        // The package (objid) is looked up for the hits kept only.
        sql = "WITH hits(version, organ, date, kind, number, title, rid) AS (" + sql +
              ") SELECT p.objid, h.organ, h.date, h.kind, h.number, h.title, "
              "snippet(paragraphs_fts, 1, '[', ']', '…', 12) FROM hits h JOIN paragraphs_fts ON paragraphs_fts.rowid "
              "= h.rid JOIN packages p ON p.version = h.version WHERE paragraphs_fts MATCH ?1 "
              "ORDER BY h.date, h.organ, h.number";
    }
    Stmt s(reg.db(), sql);
    if (!q.text.empty()) s.bind(1, fts_query(q.text));
    if (!q.organ.empty()) s.bind(2, q.organ);
    if (!q.from.empty()) s.bind(3, q.from);
    if (!q.to.empty()) s.bind(4, q.to);
    if (!q.signer.empty()) s.bind(5, q.signer);
    if (q.paragraf) s.bind(6, static_cast<long long>(*q.paragraf));
    s.bind(7, static_cast<long long>(q.limit));
    std::vector<SearchHit> hits;
    while (s.step()) {
        hits.push_back(
            {s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), s.text(5), s.text(6)});
    }
    return hits;
}

std::string hits_text(const std::vector<SearchHit>& hits) {
    std::string out;
    for (const auto& h : hits) {
        out += h.date + "  " + core::escape_for_display(h.organ) + "  ";
        if (h.number) out += "§" + std::to_string(h.number) + " " + core::escape_for_display(h.title) + "  ";
        out += h.objid + "\n";
        if (!h.snippet.empty()) out += "    " + core::escape_for_display(h.snippet) + "\n";
    }
    out += std::to_string(hits.size()) + (hits.size() == 1 ? " hit\n" : " hits\n");
    return out;
}

std::string hits_json(const std::vector<SearchHit>& hits) {
    std::string out = "[";
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        out += std::string(i ? ",\n " : "") + "{\"objid\": " + json_quote(h.objid) +
               ", \"organ\": " + json_quote(h.organ) + ", \"date\": " + json_quote(h.date) +
               ", \"kind\": " + json_quote(h.kind) + ", \"paragraf\": " + std::to_string(h.number) +
               ", \"title\": " + json_quote(h.title) + ", \"snippet\": " + json_quote(h.snippet) + "}";
    }
    return out + "]\n";
}

}  // namespace kansli::archive
