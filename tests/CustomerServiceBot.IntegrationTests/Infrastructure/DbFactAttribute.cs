using Xunit.Abstractions;
using Xunit.Sdk;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// A test class that runs against PostgreSQL implements this; its tests are skipped, visibly,
// when no server is configured (a developer without PostgreSQL still runs the SQLite half).
public interface IPostgreSqlTests;

// A test class that starts, stops and restarts a PostgreSQL server of its own; skipped, visibly, when
// the server binaries are not on this machine (.ci/run installs them).
public interface IOwnPostgreSqlServerTests;

[XunitTestCaseDiscoverer("CustomerServiceBot.IntegrationTests.Infrastructure.DbFactDiscoverer", "CustomerServiceBot.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new DbTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class DbTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DbTestCase()
    {
    }

    public DbTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    // Decided from the test class each time the case is built or de-serialised, so it follows the environment.
    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = TestMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgreSqlTests).IsAssignableFrom(testClass) && TestDatabases.PostgreSqlConnectionString is null)
        {
            return TestDatabases.PostgreSqlSkipReason;
        }

        return typeof(IOwnPostgreSqlServerTests).IsAssignableFrom(testClass) && ThrowawayPostgreSql.BinDirectory is null
            ? ThrowawayPostgreSql.SkipReason
            : base.GetSkipReason(factAttribute);
    }
}

[XunitTestCaseDiscoverer("CustomerServiceBot.IntegrationTests.Infrastructure.DbTheoryDiscoverer", "CustomerServiceBot.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute;

public sealed class DbTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        typeof(IPostgreSqlTests).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) && TestDatabases.PostgreSqlConnectionString is null
            ? CreateTestCasesForSkip(discoveryOptions, testMethod, theoryAttribute, TestDatabases.PostgreSqlSkipReason)
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
