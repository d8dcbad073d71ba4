import { findExercise } from "../../exercises/catalog.ts";
import { ExerciseList } from "./ExerciseList.tsx";
import { ExerciseView } from "./ExerciseView.tsx";
import { useExerciseSlug } from "./useHashPath.ts";

/** #/exercises lists them; #/exercises/<folder> opens one. */
export default function ExercisesPage() {
  const slug = useExerciseSlug();
  const exercise = slug ? findExercise(slug) : undefined;
  if (slug && !exercise) {
    return (
      <section className="card">
        <h1>Exercise not found</h1>
        <p>
          There is no exercise “{slug}”. <a href="#/exercises">See all exercises</a>.
        </p>
      </section>
    );
  }
  // Keyed by exercise: its run, hints and console start fresh when another one opens.
  return exercise ? <ExerciseView key={exercise.slug} exercise={exercise} /> : <ExerciseList />;
}
