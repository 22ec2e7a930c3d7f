package faust.table;

/**
 * What every table has, whatever its values (Faust's {@code Collection}): a {@link Table}, a
 * {@link GlobalTable} or a {@link SetTable}. {@link faust.App#tables()} lists them.
 */
public interface StateTable {
    /** @return the table's name */
    String name();

    /** @return the changelog topic: {@code {app_id}-{name}-changelog} */
    String changelogTopic();

    /** @return the number of partitions (of the table and its changelog) */
    int partitions();

    /** @return the help text, shown by the {@code tables} command */
    String help();

    /** @return whether every worker holds every partition and follows the changelog */
    boolean isGlobal();

    /** @return the number of keys held by this worker */
    int size();

    /** @return the keys and values this worker holds as a text table with a title, sorted by key */
    String asAnsiTable();

    /**
     * Deletes this worker's local copy of the table, every partition of it (Faust's
     * {@code reset_state}, run by the {@code reset} command): the next start recovers it whole
     * from the changelog. The changelog itself is not touched. Meant for an app that is not
     * running; a partition held now is emptied and recovered again only on the next assignment.
     */
    void resetState();
}
