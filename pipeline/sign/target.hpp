// INTERNAL to sign/: which field a signature goes into, and the signing-order rule.
#pragma once

#include "sign/fields.hpp"
#include "sign/pdf_signer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kansli::sign::detail {

struct Target {
    std::optional<std::size_t> index;  ///< into the field list; empty = add a new field
    std::string name;                  ///< field name (new or existing)
};

/// Chooses the field for `req` among `fields` (see sign_pdf). Throws core::Error (exit 1) when
/// there is no suitable field or it is already signed.
Target choose_target(const std::vector<SigField>& fields, const std::vector<std::string>& order,
                     const SignRequest& req);

/// Throws core::Error (exit 1) when a field earlier in `order` than `target` is still unsigned:
/// "Björn Sandal (justerare) must sign before Katarina Nyberg Finn (ordförande)".
void check_order(const std::vector<SigField>& fields, const std::vector<std::string>& order, const Target& target,
                 const SignRequest& req);

/// Throws core::Error (exit 1) when the field names the person it is for (its /TU, written by
/// kansli build as "<field>: <name>") and the certificate's CN is someone else
/// (core::same_person). --any-order does not override it.
void check_identity(const std::vector<SigField>& fields, const Target& target, const SignRequest& req);

/// The second line of the appearance, UTF-8: "Roll: Justerare" when signing by role or into a
/// role field (Sekreterare…, Justerare…, Ordförande…); for any other field (e.g. an avtal's
/// "Part berg") "För: <text>" when its /TU reads "<field>: <text>" and <text> is not the signer
/// (render writes the expected signer there, so a deputy shows whom they sign for), else
/// "Fält: <field>".
std::string capacity_line(const SignRequest& req, const std::string& field, const std::string& tooltip);

/// Largest nesting depth of dictionaries and arrays in raw PDF bytes, skipping strings, comments
/// and stream data; stops counting at `limit` + 1.
int nesting_depth(const core::Bytes& pdf, int limit);

}  // namespace kansli::sign::detail
