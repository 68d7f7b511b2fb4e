# Compiles go through ccache when it is installed (`scripts/setup.sh ci` installs it), so CI's
# four build folders, and the next clone of a commit, compile only what changed. Paths are taken
# relative to the source tree (CCACHE_BASEDIR, CCACHE_NOHASHDIR) so another clone of the same
# commit hits the cache too. -DHERALD_CCACHE=OFF turns it off.
option(HERALD_CCACHE "Compile through ccache when it is installed" ON)
find_program(HERALD_CCACHE_PROGRAM ccache)
if(HERALD_CCACHE AND HERALD_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(herald_launcher env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=true ${HERALD_CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${herald_launcher})
endif()

# Warnings and sanitizers shared by every herald target, through herald_options.
add_library(herald_options INTERFACE)
target_compile_options(herald_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       -Wno-missing-field-initializers)
if(HERALD_WERROR)
  target_compile_options(herald_options INTERFACE -Werror)
endif()
if(HERALD_SANITIZE)
  target_compile_options(herald_options INTERFACE -fsanitize=${HERALD_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(herald_options INTERFACE -fsanitize=${HERALD_SANITIZE})
endif()

# herald_module(NAME [DEPS ...]): one static library per src/ folder, sources globbed so
# modules can grow file by file; public headers live in include/herald/NAME.
function(herald_module name)
  cmake_parse_arguments(M "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(herald_${name} STATIC ${sources})
  add_library(herald::${name} ALIAS herald_${name})
  target_include_directories(herald_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(herald_${name} PUBLIC herald_options ${M_DEPS})
endfunction()

# herald_embed(TARGET file symbol): compiles a data file into TARGET as
# `extern const std::string_view symbol;` (namespace herald::data), regenerated when the file changes.
function(herald_embed target file symbol)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.cpp)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol} -P ${PROJECT_SOURCE_DIR}/cmake/HeraldEmbedFile.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/HeraldEmbedFile.cmake VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
