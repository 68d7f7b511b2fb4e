# One doctest executable per test source file, so a suite can be built and run alone.
add_library(herald_doctest_main STATIC ${PROJECT_SOURCE_DIR}/tests/doctest_main.cpp)
target_link_libraries(herald_doctest_main PUBLIC doctest::doctest herald_options)

# herald_tests(LABEL label LIBS libs...): every *_test.cpp in the calling folder.
function(herald_tests)
  cmake_parse_arguments(T "" "LABEL" "LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  foreach(src ${sources})
    get_filename_component(base ${src} NAME_WE)
    set(target ${T_LABEL}_${folder}_${base})
    add_executable(${target} ${src})
    target_link_libraries(${target} PRIVATE herald_doctest_main ${T_LIBS})
    target_compile_definitions(${target} PRIVATE
      HERALD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      HERALD_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data"
      HERALD_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${target} COMMAND ${target})
    set_tests_properties(${target} PROPERTIES LABELS ${T_LABEL} TIMEOUT 600)
  endforeach()
endfunction()
