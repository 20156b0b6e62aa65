# fg_cc_library(NAME name SRCS ... DEPS ...): one static library per top-level folder.
# fg_cc_test(NAME name SRCS ... DEPS ...): one GoogleTest executable registered with ctest.
include_guard(GLOBAL)

function(fg_cc_library)
  cmake_parse_arguments(FG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${FG_NAME} STATIC ${FG_SRCS})
  target_include_directories(${FG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${FG_NAME} PUBLIC ${FG_DEPS})
endfunction()

function(fg_cc_test)
  cmake_parse_arguments(FG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${FG_NAME} ${FG_SRCS})
  target_link_libraries(${FG_NAME} PRIVATE ${FG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${FG_NAME} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "FG_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
