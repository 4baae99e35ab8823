#include "render/image_decode.hpp"

#include "core/image_size.hpp"

// clang-format off
#include <cstdio>   // before jpeglib.h, which needs FILE
#include <csetjmp>
// clang-format on
#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

#include <cstring>
#include <string>
#include <vector>

namespace kansli::render {

namespace {

// ---------------------------------------------------------------- PNG

constexpr std::size_t kPngChunkMallocMax = std::size_t{8} << 20;  // iCCP, zTXt, iTXt … each

/// Everything the libpng callbacks touch, and everything decode_png fills, lives here, in the
/// caller's frame: after a longjmp no local of decode_png is read.
struct PngState {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0, pos = 0;
    char message[256] = {};
    png_uint_32 width = 0, height = 0;
    int depth = 0, color_type = 0;
    std::size_t rowbytes = 0;
    std::vector<std::uint8_t> pixels;
    std::vector<png_bytep> rows;
    std::vector<png_color> palette;
    std::vector<png_byte> trans;  ///< alpha of palette entries (tRNS), when given
};

void png_on_error(png_structp png, png_const_charp msg) {
    auto* st = static_cast<PngState*>(png_get_error_ptr(png));
    if (st->message[0] == '\0') std::snprintf(st->message, sizeof st->message, "%s", msg);
    png_longjmp(png, 1);
}

/// Warnings are problems libpng repaired or ignored (an unknown ancillary chunk, a bad CRC in
/// one); the image decodes. Nothing is printed.
void png_on_warning(png_structp, png_const_charp) {}

void png_on_read(png_structp png, png_bytep out, std::size_t n) {
    auto* st = static_cast<PngState*>(png_get_io_ptr(png));
    if (n > st->size - st->pos) png_error(png, "the file ends before the image does (truncated)");
    std::memcpy(out, st->data + st->pos, n);
    st->pos += n;
}

/// libpng with PoDoFo 0.9.8's transformations (LoadFromPngContent). False with st.message set
/// on any error.
bool decode_png(PngState& st) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &st, png_on_error, png_on_warning);
    if (!png) {
        std::snprintf(st.message, sizeof st.message, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, &st, png_on_read);
    png_set_user_limits(png, core::kMaxImageSide, core::kMaxImageSide);
    png_set_chunk_malloc_max(png, kPngChunkMallocMax);
    st.pos = 8;  // the signature, checked by the caller
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    int interlace = 0;
    png_get_IHDR(png, info, &st.width, &st.height, &st.depth, &st.color_type, &interlace, nullptr, nullptr);
    if (std::uint64_t{st.width} * st.height > core::kMaxImagePixels) png_error(png, "too many pixels");
    if (st.color_type == PNG_COLOR_TYPE_GRAY) {
        png_set_expand_gray_1_2_4_to_8(png);
    } else if (st.color_type != PNG_COLOR_TYPE_PALETTE && st.depth < 8) {
        png_set_packing(png);
    }
    if (st.color_type != PNG_COLOR_TYPE_PALETTE && png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_set_tRNS_to_alpha(png);
    }
    if (st.depth == 16) png_set_strip_16(png);
    if (interlace != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    png_read_update_info(png, info);
    png_get_IHDR(png, info, &st.width, &st.height, &st.depth, &st.color_type, &interlace, nullptr, nullptr);

    st.rowbytes = png_get_rowbytes(png, info);
    st.pixels.assign(st.rowbytes * st.height, 0);
    st.rows.resize(st.height);
    for (png_uint_32 y = 0; y < st.height; ++y) st.rows[y] = st.pixels.data() + y * st.rowbytes;
    png_read_image(png, st.rows.data());
    if (st.color_type == PNG_COLOR_TYPE_PALETTE) {
        png_colorp colors = nullptr;
        int count = 0;
        if (png_get_PLTE(png, info, &colors, &count) == 0) png_error(png, "the palette (PLTE) is missing");
        st.palette.assign(colors, colors + count);
        png_bytep alpha = nullptr;
        int alpha_count = 0;
        if (png_get_valid(png, info, PNG_INFO_tRNS) && png_get_tRNS(png, info, &alpha, &alpha_count, nullptr)) {
            st.trans.assign(alpha, alpha + alpha_count);
        }
    }
    png_read_end(png, nullptr);  // the chunks after the image data, their CRCs, IEND
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

/// Palette index of pixel `c` in a packed row (PNG packs the leftmost pixel in the high bits).
png_byte palette_index(const png_byte* row, png_uint_32 c, int depth) {
    if (depth == 8) return row[c];
    const std::size_t bit = std::size_t{c} * static_cast<std::size_t>(depth);
    const int shift = 8 - depth - static_cast<int>(bit % 8);
    return static_cast<png_byte>((row[bit / 8] >> shift) & ((1 << depth) - 1));
}

/// The soft mask of an image with alpha; RGBA and gray+alpha pixels are packed to RGB and gray
/// in place. Returns the length of the colour data.
std::size_t split_alpha(PngState& st, std::vector<char>& smask) {
    std::size_t len = st.pixels.size();
    smask.assign(std::size_t{st.width} * st.height, 0);
    std::size_t i = 0;
    for (png_uint_32 r = 0; r < st.height; ++r) {
        const png_byte* row = st.rows[r];
        for (png_uint_32 c = 0; c < st.width; ++c, ++i) {
            if (st.color_type == PNG_COLOR_TYPE_PALETTE) {
                const png_byte index = palette_index(row, c, st.depth);
                smask[i] = static_cast<char>(index < st.trans.size() ? st.trans[index] : 0xff);
            } else if (st.color_type == PNG_COLOR_TYPE_RGB_ALPHA) {
                std::memmove(st.pixels.data() + 3 * i, row + 4 * std::size_t{c}, 3);
                smask[i] = static_cast<char>(row[4 * std::size_t{c} + 3]);
            } else {  // gray + alpha
                st.pixels[i] = row[2 * std::size_t{c}];
                smask[i] = static_cast<char>(row[2 * std::size_t{c} + 1]);
            }
        }
    }
    if (st.color_type == PNG_COLOR_TYPE_RGB_ALPHA) len = 3 * smask.size();
    if (st.color_type == PNG_COLOR_TYPE_GRAY_ALPHA) len = smask.size();
    return len;
}

// ---------------------------------------------------------------- JPEG

constexpr long kJpegMaxMemory = 512L << 20;  // libjpeg's own buffers (progressive coefficients)

struct JpegState {  // reached from the callbacks through cinfo->client_data
    jpeg_error_mgr mgr{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    std::vector<std::uint8_t> row;
};

void jpeg_on_error(j_common_ptr cinfo) {
    auto* st = static_cast<JpegState*>(cinfo->client_data);
    if (st->message[0] == '\0') cinfo->err->format_message(cinfo, st->message);
    std::longjmp(st->jump, 1);
}

/// Level -1: corrupt data that libjpeg papered over (a truncated file, a bad Huffman code): the
/// picture would be damaged, so it counts as an error. Bytes between markers do not.
void jpeg_on_message(j_common_ptr cinfo, int level) {
    auto* st = static_cast<JpegState*>(cinfo->client_data);
    if (level != -1 || cinfo->err->msg_code == JWRN_EXTRANEOUS_DATA) return;
    if (st->message[0] == '\0') cinfo->err->format_message(cinfo, st->message);
}

bool decode_jpeg(JpegState& st, jpeg_decompress_struct& cinfo, std::span<const std::uint8_t> data) {
    cinfo.err = jpeg_std_error(&st.mgr);
    cinfo.client_data = &st;  // kept by jpeg_create_decompress
    st.mgr.error_exit = jpeg_on_error;
    st.mgr.emit_message = jpeg_on_message;
    if (setjmp(st.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = kJpegMaxMemory;
    jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
    jpeg_read_header(&cinfo, TRUE);
    const core::ImageSize size{core::ImageFormat::Jpeg, cinfo.image_width, cinfo.image_height};
    if (auto problem = core::image_limit_problem(size)) {
        std::snprintf(st.message, sizeof st.message, "%s", problem->c_str());
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&cinfo);
    st.row.resize(std::size_t{cinfo.output_width} * static_cast<std::size_t>(cinfo.output_components));
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW p = st.row.data();
        jpeg_read_scanlines(&cinfo, &p, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return st.message[0] == '\0';
}

}  // namespace

void load_png(PoDoFo::PdfImage& image, std::span<const std::uint8_t> data) {
    if (data.size() < 8 || png_sig_cmp(data.data(), 0, 8) != 0) throw ImageError("not a PNG file");
    PngState st;
    st.data = data.data();
    st.size = data.size();
    if (!decode_png(st)) throw ImageError(st.message[0] ? st.message : "cannot be decoded");

    const bool alpha =
        (st.color_type & PNG_COLOR_MASK_ALPHA) != 0 || (st.color_type == PNG_COLOR_TYPE_PALETTE && !st.trans.empty());
    std::size_t len = st.pixels.size();
    if (alpha) {
        std::vector<char> smask;
        len = split_alpha(st, smask);
        PoDoFo::PdfMemoryInputStream stream(smask.data(), static_cast<PoDoFo::pdf_long>(smask.size()));
        PoDoFo::PdfImage soft(image.GetObject()->GetOwner());
        soft.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceGray);
        soft.SetImageData(st.width, st.height, 8, &stream);
        image.SetImageSoftmask(&soft);
    }
    if (st.color_type == PNG_COLOR_TYPE_PALETTE) {
        std::vector<char> rgb;
        for (const png_color& c : st.palette) {
            rgb.insert(rgb.end(), {static_cast<char>(c.red), static_cast<char>(c.green), static_cast<char>(c.blue)});
        }
        PoDoFo::PdfMemoryInputStream stream(rgb.data(), static_cast<PoDoFo::pdf_long>(rgb.size()));
        PoDoFo::PdfObject* lookup = image.GetObject()->GetOwner()->CreateObject();
        lookup->GetStream()->Set(&stream);
        PoDoFo::PdfArray indexed;
        indexed.push_back(PoDoFo::PdfName("DeviceRGB"));
        indexed.push_back(static_cast<PoDoFo::pdf_int64>(st.palette.size()) - 1);
        indexed.push_back(lookup->Reference());
        image.SetImageColorSpace(PoDoFo::ePdfColorSpace_Indexed, &indexed);
    } else if (st.color_type == PNG_COLOR_TYPE_GRAY || st.color_type == PNG_COLOR_TYPE_GRAY_ALPHA) {
        image.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceGray);
    } else {
        image.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceRGB);
    }
    PoDoFo::PdfMemoryInputStream stream(reinterpret_cast<const char*>(st.pixels.data()),
                                        static_cast<PoDoFo::pdf_long>(len));
    image.SetImageData(st.width, st.height, static_cast<unsigned int>(st.depth), &stream);
}

void check_jpeg(std::span<const std::uint8_t> data) {
    JpegState st;
    jpeg_decompress_struct cinfo{};
    if (!decode_jpeg(st, cinfo, data)) throw ImageError(st.message[0] ? st.message : "cannot be decoded");
}

}  // namespace kansli::render
