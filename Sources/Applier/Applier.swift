/// Applier module.
public enum ApplierModule {}
