# The Debian package: `cpack -G DEB` in a built build directory packs what
# the install rules in app/ lay out (only those: tests, benchmarks and fuzzers
# have none) under /usr, as asyncscope_<version>_<arch>.deb.

set(CPACK_PACKAGE_NAME asyncscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "AsyncScope")
set(CPACK_PACKAGE_CONTACT "AsyncScope maintainers <asyncscope@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/asyncscope/asyncscope")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch an async runtime work: tasks, wakers, stealing, locks")
set(CPACK_PACKAGE_DESCRIPTION
    "AsyncScope makes async runtimes visible. A real multithreaded executor,
modelled on Tokio's multi-thread scheduler, runs small scenarios, and every
step it takes (a spawn, a poll, a wake-up, a steal, a lock hand-off, a timer
firing) is on screen. It comes with a bilingual (English and Chinese) lesson
library, guided lessons for the classroom, and asyncscope-cli to run and
check scenarios and render pictures without a display.")

set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The Qt libraries come from dpkg-shlibdeps (libqt6svg6 with them: it also
# holds the SVG icon engine the window icon needs). What the binaries do not
# link is named here: Qt's platform plugins, and a font for the Chinese UI
# and lessons, which Qt does not bring.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-wqy-microhei | fonts-noto-cjk")
# Native Wayland windows (else XWayland), and Qt's own dialogs in Chinese
# (MainWindow loads qtbase_zh_CN from Qt's translations directory).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")

include(CPack)
