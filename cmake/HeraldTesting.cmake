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

# Process-level tests: a python script drives the herald binary against the embedded broker and is
# checked by an independent Kafka client (Debian's python3-confluent-kafka, hence /usr/bin/python3).
set(HERALD_TEST_PYTHON /usr/bin/python3 CACHE FILEPATH "python3 that has confluent_kafka")

# herald_serial(TESTS...): the suites that time herald (latencies, throughput, rates, budgets
# of a close) run alone under `ctest -j`: RUN_SERIAL, and the label `serial` so the others can be
# selected with -LE serial. Every other integration suite runs two at a time (docs/testing.md).
function(herald_serial)
  foreach(test ${ARGN})
    get_test_property(${test} LABELS labels)
    set_tests_properties(${test} PROPERTIES RUN_SERIAL TRUE LABELS "${labels};serial")
  endforeach()
endfunction()

# herald_process_test(NAME SCRIPT [TIMEOUT s] [LABELS l...] [WORKDIR dir] [NO_SOURCE] [NO_WORKDIR]
#                     [SERIAL] [ARGS a...]): runs `python3 SCRIPT <herald> <source dir> <work dir> ARGS...`
# from the calling folder. The work dir is BINARY_DIR/WORKDIR (default: NAME without
# "integration_"); NO_SOURCE and NO_WORKDIR leave those arguments out. SERIAL: herald_serial(),
# implied by the label robustness (those suites time herald's throughput). Defaults: label
# integration, 600 s.
function(herald_process_test name script)
  cmake_parse_arguments(P "NO_SOURCE;NO_WORKDIR;SERIAL" "TIMEOUT;WORKDIR" "LABELS;ARGS" ${ARGN})
  if(NOT P_TIMEOUT)
    set(P_TIMEOUT 600)
  endif()
  if(NOT P_LABELS)
    set(P_LABELS integration)
  endif()
  if(NOT P_WORKDIR)
    string(REGEX REPLACE "^integration_" "" P_WORKDIR ${name})
  endif()
  set(command ${HERALD_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/${script} $<TARGET_FILE:herald>)
  if(NOT P_NO_SOURCE)
    list(APPEND command ${PROJECT_SOURCE_DIR})
  endif()
  if(NOT P_NO_WORKDIR)
    list(APPEND command ${CMAKE_CURRENT_BINARY_DIR}/${P_WORKDIR})
  endif()
  add_test(NAME ${name} COMMAND ${command} ${P_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${P_LABELS}" TIMEOUT ${P_TIMEOUT})
  if(P_SERIAL OR "robustness" IN_LIST P_LABELS)
    herald_serial(${name})
  endif()
endfunction()
