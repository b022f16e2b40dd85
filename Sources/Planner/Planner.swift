/// Planner module.
public enum PlannerModule {}
