# fg_cc_library(NAME name SRCS ... DEPS ...): one static library per top-level folder.
# fg_cc_test(NAME name SRCS ... DEPS ... [LABEL unit|integration]): one GoogleTest executable whose
#   cases ctest runs one by one; LABEL (default "unit") lets CI pick the unit tests for sanitizers.
include_guard(GLOBAL)

function(fg_cc_library)
  cmake_parse_arguments(FG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${FG_NAME} STATIC ${FG_SRCS})
  target_include_directories(${FG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${FG_NAME} PUBLIC ${FG_DEPS})
endfunction()

function(fg_cc_test)
  cmake_parse_arguments(FG "" "NAME;LABEL" "SRCS;DEPS" ${ARGN})
  if(NOT FG_LABEL)
    set(FG_LABEL unit)
  endif()
  add_executable(${FG_NAME} ${FG_SRCS})
  target_link_libraries(${FG_NAME} PRIVATE ${FG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${FG_NAME} DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS ${FG_LABEL}
                                  ENVIRONMENT "FG_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
