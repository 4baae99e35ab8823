#include "verify/dss.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <cstdint>
#include <exception>

namespace kansli::verify {

namespace {

template <typename T>
std::vector<T> dss_items(QPDF& q, const char* key) {
    std::vector<T> out;
    QPDFObjectHandle list = q.getRoot().getKey("/DSS").getKey(key);
    if (!list.isArray()) return out;
    for (int i = 0; i < list.getArrayNItems() && i < 100; ++i) {
        QPDFObjectHandle s = list.getArrayItem(i);
        if (!s.isStream()) continue;
        try {
            QPDFObjectHandle filter = s.getDict().getKey("/Filter");
            auto raw = s.getRawStreamData();
            if (raw->getSize() > (1u << 20)) continue;
            if (!filter.isNull() &&
                !(filter.isName() && filter.getName() == "/FlateDecode" && raw->getSize() < (1u << 16)))
                continue;
            auto data = filter.isNull() ? raw : s.getStreamData();
            out.emplace_back(std::vector<std::uint8_t>(data->getBuffer(), data->getBuffer() + data->getSize()));
        } catch (const std::exception&) {}
    }
    return out;
}

}  // namespace

std::vector<Botan::X509_CRL> dss_crls(QPDF& q) { return dss_items<Botan::X509_CRL>(q, "/CRLs"); }

std::vector<Botan::X509_Certificate> dss_certs(QPDF& q) { return dss_items<Botan::X509_Certificate>(q, "/Certs"); }

}  // namespace kansli::verify
