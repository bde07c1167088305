# Glue for Debian's packages: imported targets under aups::. Vendor nothing.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
add_library(aups::toml ALIAS PkgConfig::TOMLPP)

find_package(nlohmann_json 3 REQUIRED)
add_library(aups::json ALIAS nlohmann_json::nlohmann_json)

find_package(CLI11 CONFIG QUIET)
if(NOT TARGET CLI11::CLI11)
  add_library(aups_cli11 INTERFACE)   # header-only in Debian
  add_library(CLI11::CLI11 ALIAS aups_cli11)
endif()
add_library(aups::cli ALIAS CLI11::CLI11)

pkg_check_modules(HIDAPI REQUIRED IMPORTED_TARGET hidapi-hidraw)
add_library(aups::hidapi ALIAS PkgConfig::HIDAPI)

pkg_check_modules(NETSNMP REQUIRED IMPORTED_TARGET netsnmp)
add_library(aups::netsnmp ALIAS PkgConfig::NETSNMP)
pkg_check_modules(NETSNMPAGENT REQUIRED IMPORTED_TARGET netsnmp-agent)
add_library(aups::netsnmp_agent ALIAS PkgConfig::NETSNMPAGENT)

pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
add_library(aups::sqlite ALIAS PkgConfig::SQLITE)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
add_library(aups::sodium ALIAS PkgConfig::SODIUM)

pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
add_library(aups::systemd ALIAS PkgConfig::SYSTEMD)

if(AUPS_BUILD_UI)
  # Dear ImGui 1.86: core from libimgui.a, backends compiled from the package's doc examples.
  set(IMGUI_BACKENDS /usr/share/doc/libimgui-dev/examples/backends)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  find_package(glfw3 3.3 REQUIRED)
  find_package(SDL2 REQUIRED)
  find_package(OpenGL REQUIRED)
  add_library(aups_imgui_backends STATIC
    ${IMGUI_BACKENDS}/imgui_impl_glfw.cpp
    ${IMGUI_BACKENDS}/imgui_impl_sdl.cpp
    ${IMGUI_BACKENDS}/imgui_impl_opengl3.cpp)
  target_include_directories(aups_imgui_backends PUBLIC /usr/include/imgui /usr/include/imgui/backends)
  target_link_libraries(aups_imgui_backends PUBLIC PkgConfig::IMGUI glfw SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  add_library(aups::imgui ALIAS aups_imgui_backends)
  # Headless views need only the core library.
  add_library(aups_imgui_core INTERFACE)
  target_link_libraries(aups_imgui_core INTERFACE PkgConfig::IMGUI)
  add_library(aups::imgui_core ALIAS aups_imgui_core)
endif()
