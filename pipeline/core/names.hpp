// The one comparison of person names: does a certificate's subject CN name the person a document
// expects (a signature field's /TU, a role's signatory)? Used by sign/ (refusal) and verify/ (the
// "identity" facet), so both decide alike.
//
// RULE: two names are the same person when their keys are equal, where the key of a name is
//  1. decoded as UTF-8 (an invalid byte stays a distinct code point, so it never matches);
//  2. canonically composed for the Latin letters Swedish names use: a base letter followed by
//     U+0300 grave, U+0301 acute, U+0302 circumflex, U+0303 tilde, U+0308 diaeresis or U+030A
//     ring is the precomposed letter (A + U+030A = Å), as Unicode NFC makes it;
//  3. lower-cased for ASCII and Latin-1 letters (Å/å, Ä/ä, Ö/ö, É/é, ...);
//  4. hyphens (-, U+2010, U+2011) and every space (tab, no-break, thin, ideographic, ...) are one
//     space; runs of spaces collapse to one; leading and trailing ones go;
//  5. a trailing parenthesised group is not part of the name: kansli prints a member with the
//     party, "Björn Sandal (S)", and that is the person Björn Sandal;
//  6. invisible format characters (zero-width space/joiners, BOM, soft hyphen, bidi marks) are
//     dropped: what a reader cannot see cannot tell two names apart.
// Diacritics are significant: "Åhrén" and "Ahren" are different names. In Swedish å, ä and ö
// are letters of their own, not an a or o with an accent (Sandal and Sandäl are two families),
// and certificates carry UTF-8 names, so a certificate that lost them is to be reissued, not
// accepted. "Hjemgaard-Svensson" and "hjemgaard  svensson" are the same name.
#pragma once

#include <string>
#include <string_view>

namespace kansli::core {

/// The comparison key of a name (UTF-32, per the rule above).
std::u32string name_key(std::string_view utf8_name);

/// True when both names have the same key and it is not empty.
bool same_person(std::string_view a, std::string_view b);

}  // namespace kansli::core
