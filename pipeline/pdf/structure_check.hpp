// Checks of the tagged logical structure (ISO 14289-1 PDF/UA-1; ISO 19005-2 PDF/A-2 level A,
// 6.7): each a rule a preflight (`kansli inspect`) can list, each finding named by its clause.
// Reads any PDF: bounded (depth, visited objects), never throws for a malformed structure.
#pragma once

#include <qpdf/QPDF.hh>

#include <string>
#include <vector>

namespace kansli::pdf {

struct Finding {
    std::string clause;   ///< "ISO 14289-1 7.1", "ISO 19005-2 6.7.2.2"
    std::string rule;     ///< a short stable id: "ua.marked-content", "struct.parent-tree", …
    int page = 0;         ///< 1-based page it is about; 0: the document
    std::string message;  ///< what is wrong, in English
};

/// The structure rules, by id (for the preflight's rule table):
///   catalog.marked       /MarkInfo /Marked true              ISO 19005-2 6.7.2.2, ISO 14289-1 7.1
///   catalog.struct-root  a /StructTreeRoot                   ISO 19005-2 6.7.3.3, ISO 14289-1 7.1
///   catalog.lang         /Lang                               ISO 19005-2 6.7.4, ISO 14289-1 7.2
///   catalog.doc-title    /ViewerPreferences /DisplayDocTitle true   ISO 14289-1 7.1
///   content.marked       every painting operator in marked content (an MCID or /Artifact) ISO 14289-1 7.1
///   struct.types         standard structure types or a /RoleMap to them  ISO 19005-2 6.7.3.4, ISO 14289-1 7.1
///   struct.parent-tree   /StructParents, the parent tree, ParentTreeNextKey and the MCIDs of
///                        the content agree with the tree      ISO 32000-1 14.7.4.4, ISO 14289-1 7.1
///   struct.headings      H1…H6 never skip a level, the first is H1   ISO 14289-1 7.4.2
///   struct.table-headers every TH has a /Scope              ISO 14289-1 7.5
///   struct.figure-alt    every Figure has /Alt (or /ActualText)   ISO 14289-1 7.3
///   annot.tagged         every annotation (but Popup) is a structure element's OBJR  ISO 14289-1 7.18.1
///   annot.description    a Link has /Contents, a widget's field /TU   ISO 14289-1 7.18.1
///   annot.tabs           /Tabs /S on a page with annotations    ISO 14289-1 7.18.3
///   annot.widget-form    a widget's element is Form          ISO 14289-1 7.18.4
///   annot.link-element   a Link annotation's element is Link  ISO 14289-1 7.18.5
std::vector<Finding> check_structure(QPDF& pdf);

}  // namespace kansli::pdf
