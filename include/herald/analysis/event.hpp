#pragma once
// The parsed news event (herald/core/event.hpp) under the names analysis and its users know it by.
#include "herald/core/event.hpp"

namespace herald::analysis {

using core::EntityHint;
using core::Event;
using core::Field;
using core::field_name;
using core::kTextFields;
using core::story_action_name;
using core::StoryAction;

}  // namespace herald::analysis
