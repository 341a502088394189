// Writing a file atomically (a temporary file beside it, then a rename): trace
// files and the command line's outputs never leave a half-written file.
#include <asyncscope/io.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace asyncscope {

std::string writeFileAtomically(const std::string& path,
                                const std::function<void(std::ostream&)>& body) {
    namespace fs = std::filesystem;
    std::error_code dirEc;
    if (fs::is_directory(path, dirEc)) return "cannot write " + path + ": it is a folder";
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return "cannot write " + path + ": " + std::strerror(errno);
        body(out);
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return "cannot write " + path + ": disk full or I/O error";
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        const std::string why = ec.message();  // before remove() reuses ec
        fs::remove(tmp, ec);
        return "cannot replace " + path + ": " + why;
    }
    return {};
}

}  // namespace asyncscope
